# Shortcuts for the scripts in scripts/ (which work without make on a fresh machine).
.PHONY: demo test build release asan bench clean
demo:
	scripts/demo.sh
test:
	scripts/test.sh
build release:
	scripts/build.sh release
asan:
	scripts/build.sh asan
bench:
	bench/run.sh
clean:
	rm -rf build
