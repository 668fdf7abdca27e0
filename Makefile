# ssehub: `make run` starts the hub with its demo, `make test` runs every test.
MVN ?= mvn -B -q
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CLASSPATH := target/classes:target/lib/*
BROWSER_DIR := src/test/browser

.PHONY: run test war build browser-deps clean

## run: build if needed and start the standalone hub in the foreground (demo on unless SSEHUB_DEMO says otherwise)
run: build
	SSEHUB_DEMO=$${SSEHUB_DEMO:-true} java -cp '$(CLASSPATH)' dev.ssehub.cli.Cli serve

## test: every test — unit, JerseyTest on Grizzly, and the real-browser demo test
test: browser-deps
	$(MVN) verify

## war: target/ssehub.war, without Jersey or Grizzly inside, for any Jakarta EE 10 server
war:
	$(MVN) -DskipTests package

build:
	$(MVN) -DskipTests package

## browser-deps: Debian's Chromium and the pinned playwright-core the browser test drives
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }
	@[ -d $(BROWSER_DIR)/node_modules/playwright-core ] || (cd $(BROWSER_DIR) && npm ci --no-audit --no-fund --loglevel=error)

clean:
	$(MVN) clean
