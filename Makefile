# coachmentor. `make run` starts the advisor; `make test` runs every test.
GO        ?= go
BIN       ?= bin/coachmentor
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X github.com/coachmentor/coachmentor/internal/cli.Version=$(VERSION)
FUZZTIME  ?= 30s
STATICCHECK_VERSION ?= v0.8.2

.PHONY: all build run test race lint staticcheck bench latency serve-costs bench-batch fuzz fuzz-short generate golden man screenshots report-picture install dist clean

all: lint test build

## build: compile bin/coachmentor (static: it starts faster without the dynamic loader)
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/coachmentor

## run: start the guided questionnaire (pass flags with ARGS="...")
run: build
	./$(BIN) $(ARGS)

## test: unit, golden, CLI and end-to-end tests (tmux tests run when tmux is installed)
test:
	$(GO) test -count=1 ./...

## race: the tests with the race detector
race:
	CGO_ENABLED=1 $(GO) test -count=1 -race ./...

## lint: gofmt, go vet, tidy modules, a current compiled bank
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) mod tidy -diff

## staticcheck: install (pinned) and run staticcheck
staticcheck:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

## bench: benchmarks of scoring and batch throughput
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/engine ./internal/batch ./internal/tui

## latency: measure the time from launch to the questionnaire's first screen (median of 15)
latency: build
	COACHMENTOR_MEASURE=1 COACHMENTOR_BIN=$(abspath $(BIN)) $(GO) test -count=1 -run TestFirstScreenLatency -v ./cmd/coachmentor | grep 'first screen'

## serve-costs: measure serve's time to the first screen and memory a session, at 1, 10 and 50 at once
serve-costs:
	COACHMENTOR_MEASURE=1 $(GO) test -count=1 -run TestServeSessionCosts -v ./cmd/coachmentor | grep 'serve sessions'

## bench-batch: time a batch of 100,000 generated respondents against the baseline
bench-batch: build
	@dir=$$(mktemp -d) && trap 'rm -rf "$$dir"' EXIT && \
	$(GO) run ./internal/tools/teamgen -n 100000 > "$$dir/team.csv" && \
	$(GO) run ./internal/tools/teamgen -n 100000 -jsonl > "$$dir/team.jsonl" && \
	$(GO) build -o "$$dir/csvbaseline" ./internal/tools/csvbaseline && \
	if command -v hyperfine >/dev/null; then \
		hyperfine -N -w 2 -r 10 "$$dir/csvbaseline $$dir/team.csv" "$(BIN) batch $$dir/team.jsonl"; \
	else \
		time "$$dir/csvbaseline" "$$dir/team.csv" > /dev/null && \
		time $(BIN) batch "$$dir/team.jsonl" > /dev/null; \
	fi

## fuzz: run every fuzz target for FUZZTIME each (default 30s; a count such as 10000x also works)
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; done

## fuzz-short: every fuzz target for 10,000 inputs, as CI does
# A count, not a duration: with a duration, Go before 1.27 can fail a target with
# "context deadline exceeded" as time runs out, with no failing input (golang/go#75804).
fuzz-short:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=10000x

## generate: compile questions/default.yaml into questions/default_gen.go
generate:
	$(GO) generate ./questions

## golden: rewrite golden files from the current output (review the diff!)
golden:
	$(GO) test ./... -update

## man: write man pages to man/
man:
	$(GO) run ./internal/tools/mangen -out man

## screenshots: draw the README's pictures of the questionnaire again (needs tmux)
screenshots: build
	$(GO) run ./internal/tools/screenshot -bin $(BIN) -out docs

## report-picture: draw docs/team-report.png, the team report of examples/team.csv, in headless chromium
report-picture: build
	@dir=$$(mktemp -d) && trap 'rm -rf "$$dir"' EXIT && \
	./$(BIN) batch examples/team.csv --group-by department -f html -o "$$dir/team.html" 2>/dev/null; \
	test -s "$$dir/team.html" && \
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$$dir/profile" \
		--window-size=900,1500 --screenshot="$(CURDIR)/docs/team-report.png" "file://$$dir/team.html" 2>/dev/null

## install: install coachmentor into GOBIN
install:
	CGO_ENABLED=0 $(GO) install -trimpath -ldflags '$(LDFLAGS)' ./cmd/coachmentor

## dist: static binaries for Linux, macOS and Windows in dist/, with their SHA-256 sums
DIST_TARGETS ?= linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
dist:
	@rm -rf dist && mkdir -p dist && set -e; for t in $(DIST_TARGETS); do \
	  os=$${t%/*}; arch=$${t#*/}; ext=; [ $$os = windows ] && ext=.exe; \
	  out=dist/coachmentor-$(VERSION)-$$os-$$arch$$ext; echo "$$out"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $$out ./cmd/coachmentor; \
	done; cd dist && sha256sum coachmentor-* > SHA256SUMS

clean:
	rm -rf bin man dist
