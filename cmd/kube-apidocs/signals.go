package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// interruptGrace is how long a command may take to wind down (remove its
// temporary folders, close its listener) after SIGINT or SIGTERM before the
// process exits anyway.
const interruptGrace = 5 * time.Second

// interruptible returns a context that is cancelled on the first SIGINT or
// SIGTERM, and a function that reports which signal that was (nil if none).
// Commands watch the context and clean up when it ends; a second signal, or
// interruptGrace after the first, ends the process at once with the
// conventional exit code 128+signal, so no command can make the process
// deaf to Ctrl-C.
func interruptible() (context.Context, func() os.Signal) {
	ctx, cancel := context.WithCancel(context.Background())
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	got := make(chan os.Signal, 1)
	go func() {
		first := <-signals
		got <- first
		cancel()
		select {
		case <-signals:
		case <-time.After(interruptGrace):
		}
		os.Exit(signalExitCode(first))
	}()
	received := func() os.Signal {
		select {
		case s := <-got:
			got <- s
			return s
		default:
			return nil
		}
	}
	return ctx, received
}

// signalExitCode is the exit code of a process ended by s, as shells report
// it: 130 for SIGINT, 143 for SIGTERM.
func signalExitCode(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 1
}
