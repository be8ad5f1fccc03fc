// The one translation unit that compiles Asio's, Beast's and Boost.URL's implementation.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
#include <boost/url/src.hpp>
