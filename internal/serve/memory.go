package serve

import (
	"sync"
	"time"
)

// memory holds the answers so far of respondents whose answers the disk would not take,
// so that a respondent who connects again still finds them; they go to the disk again at
// the next chance, and leave memory once they are there.
type memory struct {
	mu  sync.Mutex
	by  map[string]held // by respondent id
	max int
}

type held struct {
	answers map[string]string
	name    string
	at      time.Time
}

// maxHeld bounds the respondents whose answers memory holds: past it, the oldest go.
const maxHeld = 10000

func newMemory() *memory { return &memory{by: map[string]held{}, max: maxHeld} }

// hold keeps a respondent's answers so far.
func (m *memory) hold(id, name string, answers map[string]string, at time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.by[id]; !ok && len(m.by) >= m.max {
		oldest := ""
		for k, v := range m.by {
			if oldest == "" || v.at.Before(m.by[oldest].at) {
				oldest = k
			}
		}
		delete(m.by, oldest)
	}
	m.by[id] = held{answers: answers, name: name, at: at}
}

// get is a respondent's answers held in memory, if any.
func (m *memory) get(id string) (held, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	h, ok := m.by[id]
	return h, ok
}

// drop lets go of a respondent's answers, now on the disk or handed in.
func (m *memory) drop(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.by, id)
}

// all is every respondent held, for saving again.
func (m *memory) all() map[string]held {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]held, len(m.by))
	for k, v := range m.by {
		out[k] = v
	}
	return out
}
