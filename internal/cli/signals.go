package cli

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// stopSignals end a run early: Ctrl+C, kill's default and a closed terminal. Each cancels
// the run's context, so answers are kept and no temporary file is left; the exit status
// then says which one came, 128 plus its number, as shells do.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// watch returns a context cancelled by the first stop signal, a function that reports
// that signal (nil before one came) and one that stops watching. After the first signal
// the default action is back, so a second one ends a run that does not stop.
func watch(parent context.Context) (context.Context, func() os.Signal, func()) {
	ctx, cancel := context.WithCancel(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, stopSignals...)
	var (
		mu  sync.Mutex
		got os.Signal
	)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			mu.Lock()
			got = sig
			mu.Unlock()
			signal.Reset(stopSignals...)
			cancel()
		case <-done:
		}
	}()
	received := func() os.Signal {
		mu.Lock()
		defer mu.Unlock()
		return got
	}
	stop := func() {
		signal.Stop(ch)
		close(done)
		cancel()
	}
	return ctx, received, stop
}

// signalStatus is the exit status for a run ended by sig.
func signalStatus(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}
