# ssehub: `make run` starts the hub with its demo, `make test` runs every test.
MVN ?= mvn -B -q
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CLASSPATH := target/classes:target/lib/*
BROWSER_DIR := src/test/browser
# make run's self-signed certificate for localhost; delete ./data/tls/ to have a new one made.
DEV_CERT := data/tls/localhost.pem
DEV_KEY := data/tls/localhost-key.pem

.PHONY: run test war liberty example cluster cli build test-deps clean bench bench-deps soak

## run: build if needed and start the standalone hub in the foreground, with the demo and a file log in ./data/,
##      on http://localhost:8080/ and https://localhost:8443/ (HTTP/2) with a self-signed certificate made on first start in ./data/tls/
run: build
	@[ -n "$$SSEHUB_TLS_CERT" ] || [ -f $(DEV_CERT) ] || java -cp '$(CLASSPATH)' dev.ssehub.cli.Cli cert --cert $(DEV_CERT) --key $(DEV_KEY)
	SSEHUB_DEMO=$${SSEHUB_DEMO:-true} SSEHUB_TRANSPORT=$${SSEHUB_TRANSPORT:-file:./data/} \
	  SSEHUB_TLS_CERT=$${SSEHUB_TLS_CERT:-$(DEV_CERT)} SSEHUB_TLS_KEY=$${SSEHUB_TLS_KEY:-$(DEV_KEY)} \
	  java -cp '$(CLASSPATH)' dev.ssehub.cli.Cli serve

## test: every test — unit, JerseyTest on Grizzly, real Chromium, and the WAR on Open Liberty
test: test-deps
	mvn -B -ntp verify

## war: target/ssehub.war for any Jakarta EE 10 server (no Jersey or Grizzly inside), and target/ssehub.jar
war:
	$(MVN) -DskipTests package

## liberty: the WAR on Open Liberty in the foreground, http://localhost:9080/ and https://localhost:9443/, with the demo
liberty: build
	$(MVN) -Dliberty.bootstrap.ssehub.demo=$${SSEHUB_DEMO:-true} liberty:create liberty:install-feature liberty:deploy liberty:run

## example: the "orders" example application (src/example), which embeds the hub, on Open Liberty in the foreground: http://localhost:9080/
example: build
	$(MVN) liberty:create@orders-example
	target/liberty/wlp/bin/server run orders

## cluster: two hubs on :8080 and :8081 sharing a Redis on :6390 (data in ./data/redis/), until Ctrl-C
cluster: build test-deps
	@mkdir -p data/redis; key=$${SSEHUB_JWT_KEY:-$$(head -c 32 /dev/urandom | base64 | tr -d '=+/')}; \
	redis-server --port 6390 --bind 127.0.0.1 --dir data/redis --appendonly yes --save '' > data/redis/redis.log 2>&1 & redis=$$!; \
	sleep 1; \
	SSEHUB_JWT_KEY=$$key SSEHUB_TRANSPORT=redis://127.0.0.1:6390 SSEHUB_DEMO=$${SSEHUB_DEMO:-true} \
	  java -cp '$(CLASSPATH)' dev.ssehub.cli.Cli serve --port 8081 > data/hub-8081.log 2>&1 & hub=$$!; \
	trap "kill $$hub $$redis 2>/dev/null" EXIT INT TERM; \
	echo "hub B: http://localhost:8081/ (log: data/hub-8081.log); both hubs share the key in SSEHUB_JWT_KEY"; \
	SSEHUB_JWT_KEY=$$key SSEHUB_TRANSPORT=redis://127.0.0.1:6390 java -cp '$(CLASSPATH)' dev.ssehub.cli.Cli serve --port 8080

## cli: the ssehub command, e.g. make cli ARGS='publish --topic demo/notifications --data hi --jwt-key ...'
cli: build
	java -jar target/ssehub.jar $(ARGS)

build:
	$(MVN) -DskipTests package

## test-deps: what the tests start for real — Debian's Chromium, redis-server and promtool (package prometheus), and the pinned playwright-core
test-deps:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	[ -x /usr/bin/redis-server ] || missing="$$missing redis-server"; \
	[ -x /usr/bin/promtool ] || missing="$$missing prometheus"; \
	[ -z "$$missing" ] || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q $$missing; }
	@[ -d $(BROWSER_DIR)/node_modules/playwright-core ] || (cd $(BROWSER_DIR) && npm ci --no-audit --no-fund --loglevel=error)

clean:
	$(MVN) clean

## bench: the load matrix against each of BENCH_TARGETS (hub, nchan, liberty, hub-jaxrs; all by default), Nchan's figures beside ours; writes docs/benchmarks.md and docs/benchmarks.svg
##        BENCH_QUICK=1 (small and short), BENCH_ONLY=load-1k,storm-10k, BENCH_HUB_XMX=256m, BENCH_HUB_ROOT=<another checkout, built>,
##        BENCH_PUBLISH_WARMUP=150000 (publishes before a publish run's measured 20,000)
bench: build bench-deps
	$(MVN) test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
	ulimit -n $$(ulimit -Hn) 2>/dev/null; java -cp target/test-classes:target/classes:$$(cat target/test-classpath.txt) dev.ssehub.bench.BenchDriver

# What the chosen targets need: Debian's nginx and Nchan module for nchan (on a machine with systemd, the package also
# starts nginx's own service on port 80; the bench starts a server of its own), Open Liberty and its features in target/liberty for liberty,
# and redis-server for the hub's publish run on a Redis log.
bench-deps:
	@[ -x /usr/bin/redis-server ] || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q redis-server; }
	@targets=",$${BENCH_TARGETS:-nchan,liberty},"; \
	case "$$targets" in *,nchan,*) missing=""; \
	  [ -x /usr/sbin/nginx ] || missing="nginx"; \
	  [ -f /usr/lib/nginx/modules/ngx_nchan_module.so ] || missing="$$missing libnginx-mod-nchan"; \
	  [ -z "$$missing" ] || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q $$missing; };; esac; \
	case "$$targets" in *,liberty,*) \
	  [ -x target/liberty/wlp/bin/server ] && [ -f target/liberty/wlp/lib/features/io.openliberty.restfulWS-3.1.mf ] \
	    || $(MVN) liberty:create liberty:install-feature;; esac

## soak: SOAK_MINUTES (default 30) of subscriber churn and publishing against a standalone hub; fails unless threads, open files, heap and subscribers return to baseline; writes its section of docs/benchmarks.md
soak: build
	$(MVN) test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
	ulimit -n $$(ulimit -Hn) 2>/dev/null; java -cp target/test-classes:target/classes:$$(cat target/test-classpath.txt) dev.ssehub.bench.SoakDriver
