package serve

import (
	"net"
	"sync"
	"time"
)

// Failed logins from one address are slowed, a little more each time, and past a number
// of them the address is refused for a while, as OpenSSH's PerSourcePenalties does: an
// invite code cannot be guessed at hundreds a second. A login that succeeds clears the
// address's count.

// Penalties for failed logins.
const (
	freeFailures = 2 // failures before the first delay
	firstDelay   = 250 * time.Millisecond
	maxDelay     = 4 * time.Second  // the delay doubles up to this
	refuseAfter  = 10               // failures within failWindow that get the address refused
	failWindow   = 10 * time.Minute // how long a failure counts
	refuseFor    = 10 * time.Minute
	maxAddresses = 10000 // addresses followed at once; the oldest are let go past it
)

type penalties struct {
	mu  sync.Mutex
	by  map[string]*penalty
	now func() time.Time
}

type penalty struct {
	fails int
	last  time.Time // the last failure
	until time.Time // refused until then
}

func newPenalties(now func() time.Time) *penalties {
	return &penalties{by: map[string]*penalty{}, now: now}
}

// host is the address a connection comes from, without its port.
func host(addr net.Addr) string {
	if addr == nil {
		return ""
	}
	h, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	return h
}

// refused reports whether an address is refused for now.
func (p *penalties) refused(addr string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	e := p.by[addr]
	return e != nil && p.now().Before(e.until)
}

// failed counts a failed login from addr and gives how long to wait before saying so, and
// whether the address has just been refused.
func (p *penalties) failed(addr string) (wait time.Duration, refusedNow bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	e := p.by[addr]
	if e == nil || now.Sub(e.last) > failWindow {
		p.prune(now)
		e = &penalty{}
		p.by[addr] = e
	}
	e.fails++
	e.last = now
	if e.fails >= refuseAfter && !now.Before(e.until) {
		e.until = now.Add(refuseFor)
		refusedNow = true
	}
	if e.fails > freeFailures {
		wait = min(maxDelay, firstDelay<<min(e.fails-freeFailures-1, 8))
	}
	return wait, refusedNow
}

// succeeded clears an address's failures.
func (p *penalties) succeeded(addr string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if e := p.by[addr]; e != nil && !p.now().Before(e.until) {
		delete(p.by, addr)
	}
}

// prune lets go of addresses whose failures no longer count, and of the oldest past
// maxAddresses, so that the map stays bounded.
func (p *penalties) prune(now time.Time) {
	if len(p.by) < maxAddresses {
		return
	}
	var oldest string
	for a, e := range p.by {
		if now.Sub(e.last) > failWindow && !now.Before(e.until) {
			delete(p.by, a)
			continue
		}
		if oldest == "" || e.last.Before(p.by[oldest].last) {
			oldest = a
		}
	}
	if len(p.by) >= maxAddresses && oldest != "" {
		delete(p.by, oldest)
	}
}
