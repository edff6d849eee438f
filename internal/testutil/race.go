//go:build race

package testutil

// Race says the race detector is on: it multiplies a program's memory and time, so
// budgets of either are checked only without it.
const Race = true
