package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// A folder of reports is written as one: the files go to a hidden folder within it as they
// are made, and are put in place together when the run ends well (Publish), or not at all
// (Discard), so that a run that stops part-way leaves the folder as it was. A lock held
// for the run keeps a second run out of the folder while the first is in it.

// LockName is the file in a folder that a run's lock is held on. It is left in place: a
// lock file removed while another process holds it open would let two runs in at once.
const LockName = ".coachmentor.lock"

// InUseError is a folder another run is writing into.
type InUseError struct{ Dir string }

func (e *InUseError) Error() string {
	return fmt.Sprintf("%s: another coachmentor run is writing into this folder; wait for it to end, or choose another folder", e.Dir)
}

// LockFolder takes the folder's lock for this process, or says that another holds it. The
// system lets the lock go when the process ends, however it ends; unlock lets it go
// before.
func LockFolder(dir string) (unlock func(), err error) {
	unlock, held, err := Lock(filepath.Join(dir, LockName))
	switch {
	case held:
		return nil, &InUseError{Dir: dir}
	case err != nil:
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) && pe.Op == "open" {
			return nil, fmt.Errorf("cannot write into %s: %w", dir, Cause(err))
		}
		return nil, fmt.Errorf("cannot lock %s: %w", dir, Cause(err))
	}
	return unlock, nil
}

// Lock takes the lock file at path (made if need be, 0600) for this process, without
// waiting: held says another process has it. The system lets it go when the process ends.
func Lock(path string) (unlock func(), held bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false, err
	}
	if held, err = lockFile(f); held || err != nil {
		f.Close()
		return nil, held, err
	}
	return func() { f.Close() }, false, nil
}

// Stage is files made for a folder, kept aside in a hidden folder within it until they are
// put in place together.
type Stage struct {
	dir, tmp string
	force    bool
	inputs   []fs.FileInfo
}

// NewStage readies a stage for the folder dir: force replaces files already there at
// Publish, and inputs are never written over.
func NewStage(dir string, force bool, inputs []fs.FileInfo) (*Stage, error) {
	tmp, err := os.MkdirTemp(dir, ".coachmentor-staged-*")
	if err != nil {
		return nil, fmt.Errorf("cannot write into %s: %w", dir, Cause(err))
	}
	return &Stage{dir: dir, tmp: tmp, force: force, inputs: inputs}, nil
}

// Dir is the hidden folder the files wait in, for other files of the run that are to go
// when it goes.
func (s *Stage) Dir() string { return s.tmp }

// Write sets a file aside for the folder, synced, after checking that its name can be
// taken there: a file of that name already there is kept without force, a link and an
// input always (KeptError), and anything else is a NameError. Workers call it at once.
func (s *Stage) Write(name string, data []byte) error {
	if err := s.check(name); err != nil {
		return err
	}
	mode := newFileMode()
	if st, err := os.Stat(filepath.Join(s.dir, name)); err == nil {
		mode = st.Mode().Perm() // a replaced file keeps its mode
	}
	f, err := os.OpenFile(filepath.Join(s.tmp, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", filepath.Join(s.dir, name), Cause(err))
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(mode)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", filepath.Join(s.dir, name), Cause(err))
	}
	return nil
}

// check says whether a file of the folder may be written as name.
func (s *Stage) check(name string) error {
	path := filepath.Join(s.dir, name)
	st, err := os.Lstat(path)
	switch {
	case err != nil:
		return nil
	case st.Mode()&fs.ModeSymlink != 0:
		return &KeptError{Path: path, Reason: "is a link; reports are never written through one (kept it)"}
	case !st.Mode().IsRegular():
		return &NameError{fmt.Sprintf("%s is not a file; remove it or use another folder", path)}
	case isInput(st, s.inputs):
		return &KeptError{Path: path, Reason: "is one of the files this run reads; kept it"}
	case !s.force:
		return &KeptError{Path: path, Reason: "already exists; kept it (use --force to replace it)"}
	}
	return nil
}

// Publish puts every file set aside in its place, in name order, and says which it kept
// because they were taken meanwhile. The hidden folder stays until Discard, with the files
// of the run that do not go in the folder.
func (s *Stage) Publish() (kept []*KeptError, err error) {
	entries, err := os.ReadDir(s.tmp)
	if err != nil {
		return nil, fmt.Errorf("cannot write into %s: %w", s.dir, Cause(err))
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if e.Type().IsRegular() && e.Name()[0] != '.' {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	for _, name := range names {
		var k *KeptError
		if err := s.check(name); errors.As(err, &k) {
			kept = append(kept, k)
			continue
		} else if err != nil {
			return kept, err
		}
		var exists *ExistsError
		if err := commit(filepath.Join(s.tmp, name), filepath.Join(s.dir, name), s.force); errors.As(err, &exists) {
			kept = append(kept, &KeptError{Path: exists.Path, Reason: "was made while the run went on; kept it"})
		} else if err != nil {
			return kept, err
		}
	}
	SyncFolder(s.dir)
	return kept, nil
}

// Discard removes the hidden folder and what waits in it: nothing is put in the folder.
func (s *Stage) Discard() error { return os.RemoveAll(s.tmp) }
