// Package testutil holds what tests share: nothing in the program imports it.
package testutil

import (
	"time"
)

// HangLimit is how long a test may wait for an event before it calls the wait a hang: all
// the time the test run has left, less a margin to report it. Waits end on the event, so
// on a slow machine they only take longer; they never fail for being slow.
func HangLimit(t any) time.Duration {
	if tt, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if d, ok := tt.Deadline(); ok {
			return max(time.Until(d)-15*time.Second, time.Second)
		}
	}
	return time.Hour
}
