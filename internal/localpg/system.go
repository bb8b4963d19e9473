package localpg

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// osUser is the OS account the server runs as when we are root.
type osUser struct {
	name     string
	uid, gid int
}

// lookupPostgresUser finds the "postgres" OS account (the Debian package creates it).
func lookupPostgresUser() (*osUser, error) {
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("localpg: running as root, so PostgreSQL must run as the OS user \"postgres\", which was not found (%v); install PostgreSQL (apt-get install postgresql) or create it (useradd --system postgres)", err)
	}
	uid, err1 := strconv.Atoi(u.Uid)
	gid, err2 := strconv.Atoi(u.Gid)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("localpg: user postgres has a non-numeric uid/gid %q/%q", u.Uid, u.Gid)
	}
	return &osUser{name: u.Username, uid: uid, gid: gid}, nil
}

// run runs one of the PostgreSQL binaries, as the postgres OS user when we are root, and returns
// its combined output.
func (c *Cluster) run(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(c.binDir, name), args...)
	cmd.Env = cleanEnv()
	// The working directory must be reachable by the server's user (initdb complains otherwise,
	// and root's home usually is not).
	cmd.Dir = c.dir
	if c.owner != nil {
		// What runuser -u postgres does, without PAM. Supplementary groups are dropped (Groups is
		// empty), so the binaries carry none of root's.
		cmd.SysProcAttr = &syscall.SysProcAttr{
			Credential: &syscall.Credential{Uid: uint32(c.owner.uid), Gid: uint32(c.owner.gid)},
		}
	}
	// pg_ctl start leaves the server running with its output sent to the log file, so it does not
	// hold our pipe open; WaitDelay is a backstop should a child ever keep it.
	cmd.WaitDelay = 10 * time.Second
	return cmd.CombinedOutput()
}

// cleanEnv is our environment without PG* variables, which would change what the PostgreSQL
// tools do (PGDATA, PGPORT, PGHOST, ...).
func cleanEnv() []string {
	env := os.Environ()
	return slices.DeleteFunc(env, func(kv string) bool { return strings.HasPrefix(kv, "PG") })
}

// chown gives path to the server's user when we are root.
func (c *Cluster) chown(path string) error {
	if c.owner == nil {
		return nil
	}
	return os.Lchown(path, c.owner.uid, c.owner.gid)
}

// prepareDir creates dir if missing and hands it over to the server's user: see makeDir and
// takeOver.
func prepareDir(dir string, mode fs.FileMode, owner *osUser, logger *slog.Logger) error {
	if err := makeDir(dir, mode, owner, logger); err != nil {
		return err
	}
	return takeOver(dir, mode, owner)
}

// makeDir creates dir (and missing parents) with the given mode and, when owner is set (we are
// root), makes sure owner can reach it: every parent must be traversable, or the server cannot
// open its own data folder.
func makeDir(dir string, mode fs.FileMode, owner *osUser, logger *slog.Logger) error {
	var missing []string
	existing := dir
	for {
		_, err := os.Stat(existing)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		missing = append(missing, existing)
		parent := filepath.Dir(existing)
		if parent == existing {
			return fmt.Errorf("no existing parent of %s", dir)
		}
		existing = parent
	}

	if owner != nil {
		// Parents that existed already: the server's user needs search (x) permission on each.
		for p := existing; ; p = filepath.Dir(p) {
			if p != dir {
				if err := ensureTraversable(p, owner, logger); err != nil {
					return err
				}
			}
			if filepath.Dir(p) == p {
				break
			}
		}
	}

	// Create the missing folders top-down, so each gets an explicit mode (not one cut by umask).
	for i := len(missing) - 1; i >= 0; i-- {
		p := missing[i]
		m := fs.FileMode(0o755) // parents: traversable by the server's user
		if p == dir {
			m = mode
		}
		if err := os.Mkdir(p, m); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		if err := os.Chmod(p, m); err != nil {
			return err
		}
	}
	return nil
}

// takeOver gives dir the mode and, when owner is set (we are root), hands it and its contents over
// to owner.
func takeOver(dir string, mode fs.FileMode, owner *osUser) error {
	st, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	if owner != nil {
		if sys, ok := st.Sys().(*syscall.Stat_t); !ok || int(sys.Uid) != owner.uid {
			// Created by us just now, or by an earlier run as another user: hand it all over.
			if err := chownTree(dir, owner); err != nil {
				return err
			}
		}
	}
	// PostgreSQL insists on 0700 (or 0750) for its data folder.
	if st.Mode().Perm() != mode {
		if err := os.Chmod(dir, mode); err != nil {
			return err
		}
	}
	return nil
}

// ensureTraversable adds o+x to folder p when owner could not otherwise pass through it.
func ensureTraversable(p string, owner *osUser, logger *slog.Logger) error {
	st, err := os.Stat(p)
	if err != nil {
		return err
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	perm := st.Mode().Perm()
	switch {
	case int(sys.Uid) == owner.uid:
		if perm&0o100 != 0 {
			return nil
		}
	case int(sys.Gid) == owner.gid && perm&0o010 != 0:
		return nil
	case perm&0o001 != 0:
		return nil
	}
	logger.Warn("localpg: making a parent folder traversable (o+x) so the postgres user can reach the data folder", "folder", p)
	return os.Chmod(p, st.Mode()|0o001)
}

// chownTree hands dir and everything in it to owner.
func chownTree(dir string, owner *osUser) error {
	return filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, owner.uid, owner.gid)
	})
}

// socketDirFor returns the folder for the server's Unix socket: next to the data folder, unless
// that path is too long for a socket address (about 107 bytes on Linux, including the socket's
// own name ".s.PGSQL.<port>"); then a folder in /tmp named after the data folder.
func socketDirFor(dataDir string) string {
	d := filepath.Join(filepath.Dir(dataDir), filepath.Base(dataDir)+"-socket")
	if len(d)+len("/.s.PGSQL.65535") < 100 {
		return d
	}
	sum := sha256.Sum256([]byte(dataDir))
	return socketFallbackPrefix + hex.EncodeToString(sum[:6])
}

// socketFallbackPrefix starts the names of socket folders made in /tmp.
const socketFallbackPrefix = "/tmp/localpg-"

// pidFile is what postmaster.pid says: see PostgreSQL's src/include/utils/pidfile.h.
type pidFile struct {
	pid    int
	port   int
	status string // "starting", "stopping", "ready", "standby", or "" while being written
}

// readPIDFile reads the data folder's postmaster.pid; ok is false when there is none.
func readPIDFile(dir string) (pf pidFile, ok bool, err error) {
	data, err := os.ReadFile(filepath.Join(dir, "postmaster.pid"))
	if errors.Is(err, fs.ErrNotExist) {
		return pidFile{}, false, nil
	}
	if err != nil {
		return pidFile{}, false, err
	}
	lines := strings.Split(string(data), "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) == "" {
		// Being written right now (or truncated by a crash); a PID of 0 counts as dead.
		return pidFile{}, true, nil
	}
	pf.pid, err = strconv.Atoi(strings.TrimSpace(lines[0]))
	if err != nil {
		return pidFile{}, true, nil
	}
	if len(lines) > 3 {
		pf.port, _ = strconv.Atoi(strings.TrimSpace(lines[3]))
	}
	if len(lines) > 7 {
		pf.status = strings.TrimSpace(lines[7])
	}
	return pf, true, nil
}

// postmasterAlive reports whether pid is a live PostgreSQL server process. A bare kill(pid, 0)
// is not enough: after a crash and a reboot (or a container restart) the PID in a stale
// postmaster.pid often belongs to some other process, and a killed server may linger as a zombie.
func postmasterAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		if _, perr := os.Stat("/proc/self/stat"); perr != nil {
			return true // no /proc (not Linux): kill(pid, 0) is all we have
		}
		return false
	}
	// "pid (comm) state ...": comm may hold spaces or parentheses, so cut at the last ')'.
	open, closing := bytes.IndexByte(stat, '('), bytes.LastIndexByte(stat, ')')
	if open < 0 || closing < open || closing+2 >= len(stat) {
		return false
	}
	comm, state := string(stat[open+1:closing]), stat[closing+2]
	if state == 'Z' || state == 'X' {
		return false
	}
	return comm == "postgres" || comm == "postmaster"
}

// serverDir returns the data folder of the PostgreSQL server process pid: the postmaster makes its
// data folder its working directory. known is false when we may not look (another user's process,
// unless we are root) or there is no /proc.
func serverDir(pid int) (dir string, known bool) {
	dir, err := os.Readlink(fmt.Sprintf("/proc/%d/cwd", pid))
	if err != nil {
		return "", false
	}
	return dir, true
}

// versionDirRE matches the major-version folders of Debian's /usr/lib/postgresql.
var versionDirRE = regexp.MustCompile(`^/usr/lib/postgresql/([0-9]+(?:\.[0-9]+)?)/bin/initdb$`)

// serverVersionRE picks the version out of "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)".
var serverVersionRE = regexp.MustCompile(`\(PostgreSQL\) ([0-9]+)(?:\.([0-9]+))?`)

// installMu keeps the goroutines of one process from running apt-get at the same time.
var installMu sync.Mutex

// findBinDir finds the folder holding initdb, pg_ctl and postgres: /usr/lib/postgresql/<major>/bin
// (wantMajor if given and present, else the highest), then pg_config --bindir, then PATH. When
// none is found and we are root, it installs PostgreSQL with apt-get.
func findBinDir(ctx context.Context, wantMajor string, logger *slog.Logger) (string, error) {
	dir, err := lookBinDir(ctx, wantMajor)
	if err == nil || !errors.Is(err, errNoBinaries) {
		return dir, err
	}
	if os.Geteuid() != 0 {
		return "", errors.New("localpg: PostgreSQL server binaries (initdb, pg_ctl, postgres) not found: install them (Debian/Ubuntu: sudo apt-get install postgresql) or put their folder on PATH")
	}
	if err := installPostgres(ctx, logger); err != nil {
		return "", err
	}
	return lookBinDir(ctx, wantMajor)
}

var errNoBinaries = errors.New("no PostgreSQL server binaries")

// lookBinDir is findBinDir without the installing.
func lookBinDir(ctx context.Context, wantMajor string) (string, error) {
	var candidates []string
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	slices.SortFunc(matches, func(a, b string) int { return compareVersions(versionOf(b), versionOf(a)) })
	for _, m := range matches {
		candidates = append(candidates, filepath.Dir(m))
	}
	if out, err := exec.CommandContext(ctx, "pg_config", "--bindir").Output(); err == nil {
		candidates = append(candidates, strings.TrimSpace(string(out)))
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		candidates = append(candidates, filepath.Dir(p))
	}

	var found []string
	for _, d := range candidates {
		if hasServerBinaries(d) && !slices.Contains(found, d) {
			found = append(found, d)
		}
	}
	if len(found) == 0 {
		return "", errNoBinaries
	}
	if wantMajor == "" {
		return found[0], nil
	}
	var versions []string
	for _, d := range found {
		v, err := majorVersion(ctx, d)
		if err != nil {
			return "", err
		}
		if v == wantMajor {
			return d, nil
		}
		versions = append(versions, v+" ("+d+")")
	}
	return "", fmt.Errorf("localpg: the data folder was created by PostgreSQL %s, but only these server binaries were found: %s; install PostgreSQL %s or remove the folder", wantMajor, strings.Join(versions, ", "), wantMajor)
}

// hasServerBinaries reports whether dir holds the three programs localpg runs.
func hasServerBinaries(dir string) bool {
	for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil || st.IsDir() || st.Mode().Perm()&0o111 == 0 {
			return false
		}
	}
	return true
}

// majorVersion returns the major version of the postgres binary in binDir ("15", or "9.6" before 10).
func majorVersion(ctx context.Context, binDir string) (string, error) {
	out, err := exec.CommandContext(ctx, filepath.Join(binDir, "postgres"), "--version").Output()
	if err != nil {
		return "", fmt.Errorf("localpg: %s/postgres --version: %w", binDir, err)
	}
	m := serverVersionRE.FindStringSubmatch(string(out))
	if m == nil {
		return "", fmt.Errorf("localpg: unexpected output of %s/postgres --version: %q", binDir, out)
	}
	if n, _ := strconv.Atoi(m[1]); n < 10 && m[2] != "" {
		return m[1] + "." + m[2], nil
	}
	return m[1], nil
}

// versionOf returns the version folder of a /usr/lib/postgresql/<v>/bin/initdb path.
func versionOf(path string) string {
	if m := versionDirRE.FindStringSubmatch(path); m != nil {
		return m[1]
	}
	return ""
}

// compareVersions compares dotted numeric versions ("9.6" < "15").
func compareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(pa), len(pb)); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			return x - y
		}
	}
	return 0
}

// installPostgres installs Debian's postgresql package. Debian's postinst may start a system
// cluster on port 5432; we leave it alone and run our own.
func installPostgres(ctx context.Context, logger *slog.Logger) error {
	installMu.Lock()
	defer installMu.Unlock()
	// Other processes (test binaries of other packages, run in parallel) may be installing too:
	// take turns, and look again once it is our turn.
	f, err := os.OpenFile("/tmp/localpg-install.lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("localpg: install lock: %w", err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("localpg: install lock: %w", err)
	}
	defer func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }()
	if _, err := lookBinDir(ctx, ""); err == nil {
		return nil
	}
	if _, err := exec.LookPath("apt-get"); err != nil {
		return errors.New("localpg: PostgreSQL server binaries not found and apt-get is not available: install PostgreSQL (initdb, pg_ctl, postgres) and put its bin folder on PATH")
	}
	logger.Warn("localpg: PostgreSQL server binaries not found; installing the postgresql package with apt-get")
	started := time.Now()
	for _, args := range [][]string{{"update"}, {"install", "-y", "postgresql"}} {
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("localpg: apt-get %s: %w\n%s", strings.Join(args, " "), err, lastLines(string(out), 30))
		}
	}
	logger.Info("localpg: installed PostgreSQL", "took", time.Since(started).Round(time.Second))
	return nil
}
