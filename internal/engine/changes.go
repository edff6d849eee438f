package engine

import (
	"math"
	"slices"

	"github.com/coachmentor/coachmentor/internal/bank"
)

// topSig is what a result says about its top type: the best type and, when another type
// has as many points (a tie), the second of the tied types; -1 without a tie.
type topSig struct{ t, second int32 }

// none stands for a missing key, low enough that adding any answer's weights to it stays
// below every real key without wrapping around.
const none = math.MinInt64 / 4

// top2 is the two largest of a[i]+b[i], worked out without branches: a change's types are
// the types without the question's answer (a) plus the weights of the new answer (b).
func top2(a, b []int64) (k1, k2 int64) {
	k1, k2 = math.MinInt64, math.MinInt64
	b = b[:len(a)]
	for i, x := range a {
		v := x + b[i]
		k2 = max(k2, min(v, k1))
		k1 = max(k1, v)
	}
	return k1, k2
}

// sigFrom is the top type and any tie from the two best keys. Types with no points do not
// tie: with none, no type stands out, which is not a tie.
func sigFrom(k1, k2 int64) topSig {
	sig := topSig{t: int32(keyType(k1)), second: -1}
	if s := k1 >> keyBits; s > 0 && k2>>keyBits == s {
		sig.second = int32(keyType(k2))
	}
	return sig
}

// sigOf is the top type and any tie of a set of type keys.
func sigOf(keys []int64) topSig {
	k1, k2 := int64(math.MinInt64), int64(math.MinInt64)
	for _, v := range keys {
		k2 = max(k2, min(v, k1))
		k1 = max(k1, v)
	}
	return sigFrom(k1, k2)
}

// whatWouldChange tries every alternative answer to every question, one at a time.
func (s *Scorer) whatWouldChange(sel Selection, st state, r *Result, top topSig, rec int) {
	// First find the changes, as small records without pointers; then list them smallest
	// first.
	found := s.find(st, r, top, rec)
	// Smallest change first: the least movement of the balance between coaching and
	// mentoring, ties in bank order of questions and answers, which is the order found. A
	// counting sort on the sizes' ranks keeps that order.
	if cap(r.counts) < s.ranks+1 {
		r.counts = make([]int32, s.ranks+1)
	}
	counts := r.counts[:s.ranks+1]
	clear(counts)
	for _, k := range found {
		counts[k.rank+1]++
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	sorted := slices.Grow(r.sorted[:0], len(found))[:len(found)]
	for _, k := range found {
		sorted[counts[k.rank]] = k
		counts[k.rank]++
	}
	r.sorted = sorted
	r.Changes = slices.Grow(r.Changes[:0], len(sorted))[:len(sorted)]
	r.tiedTypes = r.tiedTypes[:0]
	for i, k := range sorted {
		s.listChange(&r.Changes[i], r, sel, st, k, top)
	}
}

// find lists the changes that matter, in bank order of questions and answers.
//
// For each question it takes the types' keys without the current answer; an alternative's
// types are those plus the alternative's weights, of which it keeps the best two, to know
// the top type and whether another ties with it. Every alternative is written down before
// it is known to count, and kept by moving the end on, so that the loops have no branches
// that depend on the answers and the processor need not guess.
func (s *Scorer) find(st state, r *Result, top topSig, rec int) []changeKey {
	nt := s.nt
	without := r.keys[nt : 2*nt]
	found := slices.Grow(r.found[:0], s.alternatives+len(s.qs))[:s.alternatives+len(s.qs)]
	n := 0
	for qi := range s.qs {
		qt := &s.qs[qi]
		from := int(st.ans[qi])
		fk := qt.keyed[from*nt : from*nt+nt]
		// The types without the answer, and the best two of each family among them.
		for i, k := range st.keys {
			without[i] = k - fk[i]
		}
		var best [2][2]int64
		for f, types := range s.byFamily {
			b1, b2 := int64(none), int64(none)
			for _, i := range types {
				v := without[i]
				b2 = max(b2, min(v, b1))
				b1 = max(b1, v)
			}
			best[f] = [2]int64{b1, b2}
		}
		unsure := qt.n - 1
		// The answers counted without this question's: the alternative adds one unless it
		// is unsure.
		others := st.n - b2i(from != unsure)
		pairs := qt.pairs[from*qt.n : from*qt.n+qt.n]
		c, m := st.c-qt.c[from], st.m-qt.m[from]
		before := n
		// Only real answers are alternatives: "not sure" is not a change a person makes to
		// get another result.
		for to := range qt.n - 1 {
			var k1, k2 int64
			if e := qt.even[to]; e.ok {
				// Every type of a family moves alike, so the best two are among each
				// family's best two.
				c1, c2 := best[0][0]+e.add[0], best[0][1]+e.add[0]
				m1, m2 := best[1][0]+e.add[1], best[1][1]+e.add[1]
				k1, k2 = max(c1, m1), max(min(c1, m1), c2, m2)
			} else {
				k1, k2 = top2(without, qt.keyed[to*nt:to*nt+nt])
			}
			sig := sigFrom(k1, k2)
			mask := s.maskOf(sig, k1, without, qt.keyed[to*nt:to*nt+nt])
			var code int
			if s.recs != nil {
				code = int(s.recs[st.fam-qt.fam[from]+qt.fam[to]])
			} else {
				code = s.recommend(c+qt.c[to], m+qt.m[to])
			}
			code = s.enough(s.settleCode(code, mask), others+1)
			found[n] = changeKey{rank: pairs[to].rank, qi: int32(qi), to: int32(to), top: sig, mask: mask}
			n += b2i(to != from) & (b2i(sig != top) | b2i(code != rec))
		}
		if n == before {
			r.Fixed = append(r.Fixed, s.bank.Questions[qi])
		}
	}
	r.found = found
	return found[:n]
}

// maskOf is the families of the best type and any tied with it (as topFamilies), for the
// types without an answer plus the weights add, whose best key is k1 and signature sig.
// Ties are rare, so only they look at every type.
func (s *Scorer) maskOf(sig topSig, k1 int64, without, add []int64) uint8 {
	if k1>>keyBits <= 0 {
		return 0
	}
	mask := famBit(s.tfam[sig.t] == 1)
	if sig.second < 0 {
		return mask
	}
	best := k1 >> keyBits
	for i, k := range without {
		if (k+add[i])>>keyBits == best {
			mask |= famBit(s.tfam[i] == 1)
		}
	}
	return mask
}

// settleCode is settle for the search, which needs the recommendation alone.
func (s *Scorer) settleCode(rec int, top uint8) int {
	own := uint8(b2i(rec == recCoaching) | b2i(rec == recMentoring)<<1)
	if own != 0 && top&^own != 0 {
		return recBlend
	}
	return rec
}

// listChange fills in a found change.
func (s *Scorer) listChange(c *Change, r *Result, sel Selection, st state, k changeKey, cur topSig) {
	q := s.bank.Questions[k.qi]
	qt := &s.qs[k.qi]
	from, to := int(st.ans[k.qi]), int(k.to)
	fam := st.fam
	if qt.fam != nil {
		fam += qt.fam[to] - qt.fam[from]
	}
	unsure := qt.n - 1
	n := st.n - b2i(from != unsure) + b2i(to != unsure)
	ch, mh := st.c-qt.c[from]+qt.c[to], st.m-qt.m[from]+qt.m[to]
	rec, conf := s.decide(ch, mh, fam, n)
	rec, conf, c.Split = s.settle(rec, conf, ch, mh, k.mask)
	c.Question, c.From, c.To = q, sel[k.qi], optionAt(q, to)
	c.Shift = qt.pairs[from*qt.n+to].shift
	c.Recommendation, c.Confidence, c.TopType = recNames[rec], conf, s.bank.Types[k.top.t]
	c.TopTie = nil
	if k.top.second >= 0 {
		c.TopTie = s.tiedAfter(r, st, qt, from, to)
	}
	c.ChangesRecommendation = rec != r.rec
	c.ChangesTopType = k.top != cur
}

// tiedAfter lists, in bank order, the types that share the top score once the question's
// answer from is replaced by to. Ties are rare, so this is worked out only for them. The
// lists of all the result's changes share one slice, kept for the next result.
func (s *Scorer) tiedAfter(r *Result, st state, qt *qtab, from, to int) []*bank.Type {
	nt := s.nt
	score := func(i int) int64 { return (st.keys[i] - qt.keyed[from*nt+i] + qt.keyed[to*nt+i]) >> keyBits }
	best := int64(math.MinInt64)
	for i := range nt {
		best = max(best, score(i))
	}
	start := len(r.tiedTypes)
	for i := range nt {
		if score(i) == best {
			r.tiedTypes = append(r.tiedTypes, s.bank.Types[i])
		}
	}
	return r.tiedTypes[start:len(r.tiedTypes):len(r.tiedTypes)]
}

// changeKey is a change found, before it is listed.
type changeKey struct {
	rank, qi, to int32
	top          topSig
	mask         uint8 // the families of the best types after the change
}
