#pragma once
// Check-in dates for a calendar: iCalendar text (RFC 5545), one all-day
// event per adaptation with a check-in date, the adaptation as its summary
// and the learner named by pseudonym only. Never a session code or key.

#include <string>
#include <vector>

#include "debrief/protocol/inquiry.hpp"
#include "debrief/protocol/state.hpp"

namespace debrief::protocol {

// The check-ins a session's accepted adaptations set.
std::string session_calendar(const session_state& s, millis now);
// The check-ins still ahead in an inquiry: those of carry_forward(sessions).
std::string inquiry_calendar(const inquiry_info& info, const std::vector<inquiry_session>& sessions, millis now);

}  // namespace debrief::protocol
