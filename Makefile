# cloudnet — build, test, demo, benchmarks. See README.md.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIG ?= Release
OUT := $(CURDIR)/out/bin
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: all build deps test test-unit demo bench e2e-bgp clean

all: build

# Debian packages the tests and the demo drive for real. Idempotent; needs root.
deps:
	@scripts/install-deps.sh

# Publishes everything to out/bin: the daemon, cloudnetctl, the emulator and the NativeAOT CNI binary.
# The daemon is self-contained with the framework trimmed and ReadyToRun-compiled (resident memory
# and start-up, docs/architecture.md); it lives in out/bin/ipamd/ because its runtime files must not
# mix with the framework-dependent tools, and out/bin/cloudnet-ipamd links to it.
build:
	@mkdir -p $(OUT)
	$(DOTNET) publish src/Ipamd/Cloudnet.Ipamd.csproj -c $(CONFIG) -r linux-x64 --self-contained \
	  -p:PublishTrimmed=true -p:TrimMode=partial -p:PublishReadyToRun=true -o $(OUT)/ipamd --nologo -v quiet
	@rm -f $(OUT)/cloudnet-ipamd.dll $(OUT)/cloudnet-ipamd.runtimeconfig.json $(OUT)/cloudnet-ipamd.deps.json
	ln -sfn ipamd/cloudnet-ipamd $(OUT)/cloudnet-ipamd
	$(DOTNET) publish src/Ctl/Cloudnet.Ctl.csproj -c $(CONFIG) -o $(OUT) --nologo -v quiet
	$(DOTNET) publish src/Cni/Cloudnet.Cni.csproj -c $(CONFIG) -r linux-x64 -o $(OUT) --nologo -v quiet
	@if [ -f localstack/Emulator/Cloudnet.Emulator.csproj ]; then \
	  $(DOTNET) publish localstack/Emulator/Cloudnet.Emulator.csproj -c $(CONFIG) -o $(OUT) --nologo -v quiet; fi
	@echo "published to $(OUT):" && ls $(OUT) | grep -E '^(cloudnet|cloudnet-ipamd|cloudnetctl|cloudnet-emulator)$$' | sed 's/^/  /'

# Every test: unit, daemon, kernel (as root) and end to end. The published binaries are used by
# the CNI and end-to-end tests, so build first.
test: deps build
	scripts/run-tests.sh

# Unit tests only (no root needed, no packages).
test-unit:
	$(DOTNET) test cloudnet.sln -c $(CONFIG) --filter "Category!=Privileged"

demo: deps build
	scripts/demo.sh $(DEMO_ARGS)

bench: deps build
	scripts/bench.sh $(BENCH_ARGS)

e2e-bgp: deps build
	scripts/e2e-bgp.sh

clean:
	rm -rf artifacts out
