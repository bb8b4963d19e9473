package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/smartcity/portfolio/internal/auth"
)

// config is everything the subcommands read from the environment; flags override parts of it.
type config struct {
	DatabaseURL string
	TokenSecret string
	Addr        string
	DataDir     string
	PGPort      int
	LogLevel    string
}

func loadConfig() (config, error) {
	c := config{
		DatabaseURL: os.Getenv("DATABASE_URL"),
		TokenSecret: os.Getenv("PORTFOLIO_TOKEN_SECRET"),
		Addr:        envOr("PORTFOLIO_ADDR", "127.0.0.1:8080"),
		DataDir:     envOr("PORTFOLIO_DATA_DIR", ".data"),
		LogLevel:    envOr("LOG_LEVEL", "info"),
		PGPort:      5433,
	}
	if p := os.Getenv("PORTFOLIO_PG_PORT"); p != "" {
		port, err := strconv.Atoi(p)
		if err != nil || port < 1 || port > 65535 {
			return c, fmt.Errorf("PORTFOLIO_PG_PORT %q is not a port number", p)
		}
		c.PGPort = port
	}
	return c, nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// String describes the configuration with the secret masked, for the start-up log.
func (c config) String() string {
	db := "local cluster in " + filepath.Join(c.DataDir, "pg")
	if c.DatabaseURL != "" {
		db = maskURL(c.DatabaseURL)
	}
	return fmt.Sprintf("database=%s addr=%s data=%s", db, c.Addr, c.DataDir)
}

// maskURL hides a password in a database URL.
func maskURL(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok {
		return "(unparsed url)"
	}
	userinfo, host, ok := strings.Cut(rest, "@")
	if !ok {
		return u
	}
	if user, _, hasPass := strings.Cut(userinfo, ":"); hasPass {
		return scheme + "://" + user + ":***@" + host
	}
	return u
}

// secret returns PORTFOLIO_TOKEN_SECRET, or for local use a random secret generated once and kept
// (mode 0600) in the data folder, so tokens printed by `portfolio token` keep working across runs.
func (c config) secret() (string, error) {
	if c.TokenSecret != "" {
		if len(c.TokenSecret) < auth.MinSecretLength {
			return "", fmt.Errorf("PORTFOLIO_TOKEN_SECRET must be at least %d bytes", auth.MinSecretLength)
		}
		return c.TokenSecret, nil
	}
	path := filepath.Join(c.DataDir, "token-secret")
	b, err := os.ReadFile(path)
	if err == nil && len(strings.TrimSpace(string(b))) >= auth.MinSecretLength {
		return strings.TrimSpace(string(b)), nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	s := hex.EncodeToString(raw)
	if err := os.MkdirAll(c.DataDir, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(path, []byte(s+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return s, nil
}
