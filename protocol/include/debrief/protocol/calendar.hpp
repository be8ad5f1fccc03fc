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
// the event instead of adding it twice, and made only of what is no secret:
// when the session (the inquiry) was created, in ms, and the adaptation's id
// (its thread). "check-in-<created_at>-<item>@debrief". Never a code or an
// inquiry id, so nothing in a shared calendar leads back to the session.
std::string calendar_uid(millis scope_created_at, std::string_view item);

}  // namespace debrief::protocol
