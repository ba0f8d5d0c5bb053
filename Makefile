# Stepwise build. `make run` sets up and starts the server on the sample modules,
# `make test` builds the sanitizer binary and runs every suite, `make bench` measures speed,
# `make fuzz` runs the libFuzzer harnesses of tests/fuzz/ (clang) for FUZZ_SECONDS each,
# `make install` (PREFIX, DESTDIR) installs the release binary with its systemd unit.
#
# The set-up targets (run, test, bench, fuzz) first install what is missing (DEPS_SCRIPT), then
# build in a second make: flags from pkg-config are read when a make starts, so only a make
# started after the install sees the libraries a fresh machine did not have.

CC      ?= gcc
DEPS_SCRIPT ?= scripts/install-deps.sh
SUBMAKE := $(MAKE) --no-print-directory
PKGS    := libmicrohttpd sqlite3 libcmark libxml-2.0 jansson libsodium libzip zlib yaml-0.1 libcrypto libqrencode
CFLAGS_COMMON := -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -I. $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread

RELEASE_CFLAGS := $(CFLAGS_COMMON) -O2 -g
ASAN_CFLAGS    := $(CFLAGS_COMMON) -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined

# The interface languages: po/LANG.po, compiled by msgfmt and built into the binary through a
# generated C file (player/i18n_catalogs.h). `make po-update` refreshes the catalogues from the code.
PO       := $(sort $(wildcard po/*.po))
MO       := $(PO:po/%.po=build/po/%.mo)
GEN_SRC  := build/gen/i18n_catalogs.c
XGETTEXT_FLAGS := --language=C --from-code=UTF-8 --add-comments=TRANSLATORS: --keyword=_ \
	--keyword=N_ --keyword=W_ --keyword=diag_add:6 --keyword=fm_error:3 --keyword=qp_error:3 \
	--keyword=import_fail:2 --keyword=manifest_report:4 --keyword=write_history:5 --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=n_:1,2 --keyword=i18n_text:2c,3 \
	--package-name=Stepwise --msgid-bugs-address="the Stepwise issue tracker" \
	--add-location=file --sort-output --omit-header

SRC      := $(sort $(wildcard server/*.c content/*.c player/*.c tracking/*.c)) $(GEN_SRC)
LIB_SRC  := $(filter-out server/main.c,$(SRC))
ASSETS   := $(wildcard player/static/*)
SERVED_ASSETS := $(ASSETS:player/static/%=build/gen/static/%)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

REL_OBJ  := $(SRC:%.c=build/release/%.o)
ASAN_OBJ := $(SRC:%.c=build/asan/%.o)
ASAN_LIB_OBJ := $(LIB_SRC:%.c=build/asan/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=build/fuzz/%.o)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/bin/%)

# The fuzz build: clang with libFuzzer; objects are instrumented, the harness links the fuzzer.
FUZZ_CC      := clang
FUZZ_CFLAGS  := $(ASAN_CFLAGS) -fsanitize=fuzzer-no-link
FUZZ_SECONDS ?= 60
# `make test` builds the harnesses too and runs each for a few seconds, so that none rots.
HAVE_FUZZ_CC := $(shell command -v $(FUZZ_CC) 2>/dev/null)

HOST    ?= 127.0.0.1:8080
DATA    ?= data

# make install: the binary, the systemd unit, an example configuration and the sample modules.
PREFIX     ?= /usr/local
DESTDIR    ?=
BINDIR     ?= $(PREFIX)/bin
SYSCONFDIR ?= /etc
UNITDIR    ?= $(PREFIX)/lib/systemd/system
DATADIR    ?= $(PREFIX)/share/stepwise

.PHONY: all deps npm-deps po-update run serve-demo test test-all test-unit test-http test-browser bench \
	bench-all fuzz fuzz-all install clean

all: build/release/stepwise

deps:
	@sh $(DEPS_SCRIPT)

npm-deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

build/release/stepwise: $(REL_OBJ)
	$(CC) $(RELEASE_CFLAGS) -o $@ $^ $(LIBS)

build/asan/stepwise: $(ASAN_OBJ)
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(LIBS)

build/release/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(RELEASE_CFLAGS) -MMD -MP -c -o $@ $<

build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ASAN_CFLAGS) -MMD -MP -c -o $@ $<

# The player's static files (without their comments: scripts/asset-strip.sh), scorm-again's
# runtime (from npm: package.json, already minified) and the catalogues are compiled into the
# binary. npm installs scorm-again when it is missing; package-lock.json names its version, so a
# new one rebuilds the assets.
SCORM_AGAIN := $(addprefix node_modules/scorm-again/dist/,scorm12.min.js scorm2004.min.js \
	cross-frame-lms.min.js cross-frame-api.min.js)
build/release/player/assets.o build/asan/player/assets.o build/fuzz/player/assets.o: \
	$(SERVED_ASSETS) $(SCORM_AGAIN) package-lock.json
$(SCORM_AGAIN): | node_modules/.package-lock.json ;

build/gen/static/%: player/static/% scripts/asset-strip.sh
	sh scripts/asset-strip.sh $< $@
$(GEN_SRC:%.c=build/release/%.o) $(GEN_SRC:%.c=build/asan/%.o) $(GEN_SRC:%.c=build/fuzz/%.o): $(MO)

build/po/%.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

$(GEN_SRC): scripts/po-embed.sh $(MO)
	@mkdir -p $(dir $@)
	sh scripts/po-embed.sh $@ $(MO)

# The message catalogue template from the code, and every po/LANG.po brought up to date with it.
build/po/stepwise.pot: $(filter-out $(GEN_SRC),$(SRC)) $(wildcard server/*.h content/*.h player/*.h tracking/*.h)
	@mkdir -p $(dir $@)
	@xgettext $(XGETTEXT_FLAGS) -o $@ $^

po-update: build/po/stepwise.pot
	@for f in $(PO); do msgmerge --quiet --update --backup=none --no-fuzzy-matching --add-location=file --sort-output $$f $<; done
	@echo "Updated $(PO) from the code; translate what msgfmt --statistics calls untranslated."

build/asan/tests/%: tests/unit/%.c $(ASAN_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ASAN_CFLAGS) -MMD -MP -o $@ $< $(ASAN_LIB_OBJ) $(LIBS) -lcmocka

run: deps
	@$(SUBMAKE) serve-demo

serve-demo: build/release/stepwise
	@mkdir -p $(DATA)
	./build/release/stepwise seed-demo --db $(DATA)/stepwise.db --public-url http://$(HOST)
	@echo "Stepwise is starting: open http://$(HOST)/ (Ctrl-C stops it)"
	./build/release/stepwise serve --content modules --db $(DATA)/stepwise.db --listen $(HOST)

test: deps
	@$(SUBMAKE) test-all

test-all: npm-deps build/release/stepwise build/asan/stepwise $(UNIT_BIN) $(if $(HAVE_FUZZ_CC),$(FUZZ_BIN))
	@sh tests/run-all.sh

test-unit: build/asan/stepwise $(UNIT_BIN)
	@SUITES=unit sh tests/run-all.sh

test-http: build/asan/stepwise
	@SUITES=http sh tests/run-all.sh

test-browser: npm-deps build/asan/stepwise
	@SUITES=browser sh tests/run-all.sh

bench:
	@sh $(DEPS_SCRIPT) bench
	@$(SUBMAKE) bench-all

bench-all: build/release/stepwise build/release/bench/sqlite_insert build/release/bench/scale_load \
	build/release/bench/http_times
	@sh tests/bench/run.sh

# The scale benchmark's data, written through the store API (tests/bench/scale.sh caches it).
build/release/bench/scale_load: tests/bench/scale_load.c $(filter-out build/release/server/main.o,$(REL_OBJ))
	@mkdir -p $(dir $@)
	$(CC) $(RELEASE_CFLAGS) -o $@ $^ $(LIBS)

# The scale benchmark's client: timed GETs one after another on one connection.
build/release/bench/http_times: tests/bench/http_times.c
	@mkdir -p $(dir $@)
	$(CC) $(RELEASE_CFLAGS) -o $@ $^

# The xAPI ingest benchmark's baseline: the store API's own insert rate (tests/bench/ingest.mjs).
build/release/bench/sqlite_insert: tests/bench/sqlite_insert.c $(filter-out build/release/server/main.o,$(REL_OBJ))
	@mkdir -p $(dir $@)
	$(CC) $(RELEASE_CFLAGS) -o $@ $^ $(LIBS)

# Builds the harnesses, then runs each for FUZZ_SECONDS on a corpus seeded from the test fixtures;
# fails on the first crash, leak, UB report or timeout (its input is kept in build/fuzz/crashes/).
fuzz:
	@sh $(DEPS_SCRIPT) fuzz
	@$(SUBMAKE) fuzz-all

fuzz-all: $(FUZZ_BIN)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

# Reached only through the harnesses' pattern rule, so make would delete them as intermediate
# files and build them again on every run.
.SECONDARY: $(FUZZ_LIB_OBJ)

build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

build/fuzz/bin/%: tests/fuzz/%.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -MMD -MP -o $@ $< $(FUZZ_LIB_OBJ) $(LIBS)

# The configuration is installed only when there is none, so an edited one is never replaced.
install: build/release/stepwise
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSCONFDIR)/stepwise \
		$(DESTDIR)$(DATADIR)
	install -m 0755 build/release/stepwise $(DESTDIR)$(BINDIR)/stepwise
	sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' dist/stepwise.service.in \
		> $(DESTDIR)$(UNITDIR)/stepwise.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/stepwise.service
	[ -e $(DESTDIR)$(SYSCONFDIR)/stepwise/stepwise.conf ] || \
		install -m 0640 dist/stepwise.conf $(DESTDIR)$(SYSCONFDIR)/stepwise/stepwise.conf
	rm -rf $(DESTDIR)$(DATADIR)/modules
	cp -R modules $(DESTDIR)$(DATADIR)/modules
	chmod -R u=rwX,go=rX $(DESTDIR)$(DATADIR)/modules

clean:
	rm -rf build

-include $(REL_OBJ:.o=.d) $(ASAN_OBJ:.o=.d) $(UNIT_BIN:=.d) $(FUZZ_LIB_OBJ:.o=.d) $(FUZZ_BIN:=.d)
