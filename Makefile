# ssehub: `make run` starts the hub with its demo, `make test` runs every test.
MVN ?= mvn -B -q
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CLASSPATH := target/classes:target/lib/*
BROWSER_DIR := src/test/browser

.PHONY: run test war liberty cli build browser-deps clean bench

## run: build if needed and start the standalone hub in the foreground, with the demo and a file log in ./data/
run: build
	SSEHUB_DEMO=$${SSEHUB_DEMO:-true} SSEHUB_TRANSPORT=$${SSEHUB_TRANSPORT:-file:./data/} java -cp '$(CLASSPATH)' dev.ssehub.cli.Cli serve

## test: every test — unit, JerseyTest on Grizzly, real Chromium, and the WAR on Open Liberty
test: browser-deps
	mvn -B -ntp verify

## war: target/ssehub.war for any Jakarta EE 10 server (no Jersey or Grizzly inside), and target/ssehub.jar
war:
	$(MVN) -DskipTests package

## liberty: the WAR on Open Liberty in the foreground, http://localhost:9080/ and https://localhost:9443/, with the demo
liberty: build
	$(MVN) -Dliberty.bootstrap.ssehub.demo=$${SSEHUB_DEMO:-true} liberty:create liberty:install-feature liberty:deploy liberty:run

## cli: the ssehub command, e.g. make cli ARGS='publish --topic demo/notifications --data hi --jwt-key ...'
cli: build
	java -jar target/ssehub.jar $(ARGS)

build:
	$(MVN) -DskipTests package

## browser-deps: Debian's Chromium and the pinned playwright-core the browser test drives
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }
	@[ -d $(BROWSER_DIR)/node_modules/playwright-core ] || (cd $(BROWSER_DIR) && npm ci --no-audit --no-fund --loglevel=error)

clean:
	$(MVN) clean

## bench: the load matrix against a standalone hub; writes docs/benchmarks.md and docs/benchmarks.svg
bench: build
	$(MVN) test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
	ulimit -n $$(ulimit -Hn) 2>/dev/null; java -cp target/test-classes:target/classes:$$(cat target/test-classpath.txt) dev.ssehub.bench.BenchDriver
