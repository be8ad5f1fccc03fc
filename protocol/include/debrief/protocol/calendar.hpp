#pragma once
// Check-in dates for a calendar: iCalendar text (RFC 5545), one all-day
// event per adaptation with a check-in date, the adaptation as its summary
// and the learner named by pseudonym only. Never a session code or key.

#include <string>
#include <string_view>
#include <vector>

#include "debrief/protocol/inquiry.hpp"
#include "debrief/protocol/state.hpp"

namespace debrief::protocol {

// The check-ins a session's accepted adaptations set.
std::string session_calendar(const session_state& s, millis now);
// The check-ins still ahead in an inquiry: those of carry_forward(sessions).
std::string inquiry_calendar(const inquiry_info& info, const std::vector<inquiry_session>& sessions, millis now);

// An event's UID: stable, so a calendar that imports the file again updates
// the event instead of adding it twice, and opaque: 128 bits of the SHA-256
// of the scope (a session code, an inquiry id) and the item, so the code
// cannot be read back from it. "<32 hex digits>@debrief".
std::string calendar_uid(std::string_view scope, std::string_view item);

}  // namespace debrief::protocol
