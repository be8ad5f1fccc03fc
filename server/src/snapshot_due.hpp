#pragma once
// When a room stores a fresh snapshot of its session with a commit: after
// 100 events, so that loading a session replays few; and not before the
// events since hold a quarter of the last snapshot's bytes, so that a session
// with a long transcript (a snapshot of a megabyte takes milliseconds to
// serialize, on the network thread) is not serialized whole every hundred
// small events. Either way a snapshot costs at most a few times the bytes of
// the events it follows.

#include <cstddef>
#include <cstdint>

namespace debrief::server {

inline constexpr std::int64_t events_per_snapshot = 100;
inline constexpr std::size_t snapshot_bytes_per_event_byte = 4;

constexpr bool snapshot_due(std::int64_t events_since, std::size_t event_bytes_since, std::size_t last_snapshot_bytes) {
  return events_since >= events_per_snapshot &&
         event_bytes_since * snapshot_bytes_per_event_byte >= last_snapshot_bytes;
}

}  // namespace debrief::server
