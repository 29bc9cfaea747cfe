# The two front-door commands (see README.md):
#   make demo   set up, then ingest -> map -> report on the bundled sample corpus
#   make test   set up, then run the test suite
.PHONY: setup demo test bench clean

EM := .venv/bin/evidence-mapper
WS := out/sample-ws

setup:
	bash scripts/setup.sh

demo: setup
	rm -rf $(WS)
	$(EM) init $(WS) --framework spbe-2020 --region "Kabupaten Sukamaju" --year 2025
	$(EM) ingest $(WS) corpus/sample
	.venv/bin/python corpus/sample_screenshot.py out/demo-extra
	$(EM) ingest $(WS) out/demo-extra
	$(EM) map $(WS)
	$(EM) report $(WS) --format html -o out/report.html
	$(EM) report $(WS) --format md -o out/report.md
	$(EM) report $(WS) --format json -o out/report.json
	$(EM) report $(WS) --format xlsx -o out/report.xlsx --charts out/charts
	$(EM) report $(WS) --format oscal -o out/assessment-results.json
	$(EM) gaps $(WS) > out/gaps.txt
	$(EM) map $(WS) --framework pemdi-2026 --year 2026
	$(EM) report $(WS) --framework pemdi-2026 --format html -o out/pemdi-report.html
	$(EM) report $(WS) --framework pemdi-2026 --format md -o out/pemdi-report.md
	$(EM) report $(WS) --framework pemdi-2026 --format json -o out/pemdi-report.json
	$(EM) gaps $(WS) --framework pemdi-2026 > out/pemdi-gaps.txt
	@echo "open out/report.html"

test: setup
	.venv/bin/python -m pytest tests

bench: setup
	.venv/bin/python benchmarks/ingest_text_pdfs.py

clean:
	rm -rf out .pytest_cache
