package engine

import "math"

// tipping finds the fewest answer changes that move the balance of points across the
// min_share line, and so would alter a recommendation of coaching, mentoring or a blend of
// points.
//
// Whether a family holds min_share s of the points is a linear test: coaching leads when
// (1-s)·C - s·M >= 0. Each question can change once, so the fewest changes that cross the
// line are found by taking, question by question, the change that moves furthest across
// it, largest first. That is exact, not a heuristic. Which change moves furthest depends
// only on the question, its current answer and the goal, so New works it out once.
//
// The recommendation after the changes is scored in full: points that cross into one
// family's side still make a blend when the best type belongs to the other (settle). A
// blend that is already one because of the best type (a split) has no tipping point: what
// alters it is a change of best type, which the single changes list.
func (s *Scorer) tipping(sel Selection, st state, r *Result, cur int) *Tipping {
	into := &r.tipping
	var gs []int
	switch points := s.recommend(st.c, st.m); {
	case cur == recCoaching:
		gs = []int{coachingToBlend}
	case cur == recMentoring:
		gs = []int{mentoringToBlend}
	case cur == recBlend && points == recBlend:
		gs = []int{blendToCoaching, blendToMentoring}
	default: // undecided (what decides it is more answers, which the result says) or split
		return nil
	}
	// Each question's best move as a key, like the types': the largest is the largest gain,
	// a tie going to the first question. None is math.MinInt64.
	var buf [64]int64
	moves := buf[:0]
	if len(s.qs) > len(buf) {
		moves = make([]int64, 0, len(s.qs))
	}
	bestLen := -1
	for _, g := range gs {
		moves = moves[:0]
		for qi := range s.qs {
			m := s.qs[qi].tip[int(st.ans[qi])*goals+g]
			k := m.gain<<keyBits + int64(keyMask-qi)
			if m.to < 0 {
				k = math.MinInt64
			}
			moves = append(moves, k)
		}
		// Take the largest gain left until the goal is reached: few are needed, so
		// choosing each is quicker than sorting them all. A second goal need only be
		// followed while it could take fewer changes than the first.
		c, m := st.c, st.m
		reached, k := false, 0
		for ; k < len(moves) && (bestLen < 0 || k+1 < bestLen); k++ {
			top := int64(math.MinInt64)
			for _, v := range moves {
				top = max(top, v)
			}
			if top == math.MinInt64 {
				break
			}
			qi := keyType(top)
			moves[qi] = math.MinInt64
			qt := &s.qs[qi]
			from := int(st.ans[qi])
			to := int(qt.tip[from*goals+g].to)
			c, m = c-qt.c[from]+qt.c[to], m-qt.m[from]+qt.m[to]
			// Answers only change into other answers, so there are still enough of them;
			// landing on no family points at all would be undecided, not the goal.
			if got := s.recommend(c, m); got == goalCode[g] || (goalCode[g] == recBlend && got != cur && got != recUndecided) {
				reached = true
				k++
				break
			}
		}
		if !reached {
			continue
		}
		// A shorter set: the questions whose move was taken, in bank order.
		bestLen = k
		into.Recommendation = recNames[s.scoreMoves(st, r, moves, g)]
		into.Changes = into.Changes[:0]
		for qi := range s.qs {
			qt, from := &s.qs[qi], int(st.ans[qi])
			if to := int(qt.tip[from*goals+g].to); moves[qi] == math.MinInt64 && to >= 0 {
				q := s.bank.Questions[qi]
				into.Changes = append(into.Changes, Change{Question: q, From: sel[qi], To: optionAt(q, to), Shift: qt.pairs[from*qt.n+to].shift})
			}
		}
	}
	if bestLen < 0 {
		return nil
	}
	return into
}

// scoreMoves is the recommendation, in full, once every question whose move toward goal g
// was taken (its entry in moves is math.MinInt64) has changed.
func (s *Scorer) scoreMoves(st state, r *Result, moves []int64, g int) int {
	nt := s.nt
	keys := r.keys[nt : 2*nt] // free: the search for changes is done with it
	copy(keys, st.keys)
	c, m, n := st.c, st.m, st.n
	for qi := range s.qs {
		qt, from := &s.qs[qi], int(st.ans[qi])
		to := int(qt.tip[from*goals+g].to)
		if moves[qi] != math.MinInt64 || to < 0 {
			continue
		}
		c, m = c-qt.c[from]+qt.c[to], m-qt.m[from]+qt.m[to]
		n += b2i(from == qt.n-1)
		for i := range keys {
			keys[i] += qt.keyed[to*nt+i] - qt.keyed[from*nt+i]
		}
	}
	k1, k2 := int64(math.MinInt64), int64(math.MinInt64)
	for _, v := range keys {
		k2 = max(k2, min(v, k1))
		k1 = max(k1, v)
	}
	mask := s.maskOf(sigFrom(k1, k2), k1, keys, s.zeros)
	return s.enough(s.settleCode(s.recommend(c, m), mask), n)
}

// goalCode is the recommendation each tipping goal reaches for.
var goalCode = [goals]int{coachingToBlend: recBlend, mentoringToBlend: recBlend, blendToCoaching: recCoaching, blendToMentoring: recMentoring}

// prepareTipping finds, for each goal, question and current answer, the change that moves
// furthest toward the goal: the one that lowers the goal's linear margin the most, the
// first in option order on a tie. Margins are in hundredths squared, so exact. Only other
// answers are moves: "not sure" is never suggested as a change, and leaving it for an
// answer only adds to the answers counted.
func (s *Scorer) prepareTipping() {
	sp := s.sharePct
	// The weights (on coaching, mentoring) of the linear score each goal must push below
	// zero.
	w := [goals][2]int64{
		coachingToBlend:  {100 - sp, -sp},
		mentoringToBlend: {-sp, 100 - sp},
		blendToCoaching:  {-(100 - sp), sp},
		blendToMentoring: {sp, -(100 - sp)},
	}
	for qi := range s.qs {
		qt := &s.qs[qi]
		qt.tip = make([]tipMove, qt.n*goals)
		for g := range goals {
			wc, wm := w[g][0], w[g][1]
			for from := range qt.n {
				m0 := wc*qt.c[from] + wm*qt.m[from]
				best := tipMove{to: -1}
				for to := range qt.n - 1 { // the options, not unsure
					if to == from {
						continue
					}
					if gain := m0 - (wc*qt.c[to] + wm*qt.m[to]); gain > 0 && (best.to < 0 || gain > best.gain) {
						best = tipMove{to: int32(to), gain: gain}
					}
				}
				qt.tip[from*goals+g] = best
			}
		}
	}
}
