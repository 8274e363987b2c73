#!/usr/bin/env bash
# capsift inside a real Apache Spark (local[2]) through its JSON Lines stream
# contract, checked record by record against the CLI (README: "Scaling out").
#
#   bash scripts/spark_smoke.sh            # the smoke test; CI runs it when CAPSIFT_SPARK=1
#   bash scripts/spark_smoke.sh --bench    # also time the CLI against the Spark recipes
#
# Makes (or reuses) a venv with pyspark from PyPI outside the repository,
# installs a Java runtime when there is none (Debian's openjdk-17-jre-headless),
# builds the release binary and runs scripts/spark_smoke.py, which prints one
# PASS or FAIL line and exits non-zero on failure.
#
# Environment: CAPSIFT_SPARK_VENV (default ~/.cache/capsift-spark-venv, about
# 500 MB), CAPSIFT_PYSPARK (the pip requirement, default pyspark>=4,<5),
# CAPSIFT_SPARK_RECORDS (default 3000), PYTHON (default python3).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv=${CAPSIFT_SPARK_VENV:-${HOME:-/tmp}/.cache/capsift-spark-venv}
requirement=${CAPSIFT_PYSPARK:-pyspark>=4,<5}
python=${PYTHON:-python3}

say() { echo "spark_smoke: $*" >&2; }

# Java: Spark 4 runs on 17 or 21.
if ! command -v java >/dev/null 2>&1; then
	say "no java on PATH: installing openjdk-17-jre-headless"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
if [ "${java_major:-0}" -lt 17 ]; then
	say "java ${java_major:-?} is too old for Spark 4; install openjdk-17-jre-headless and put it first on PATH"
	exit 1
fi

# pyspark in a venv outside the repository, reused when it already works.
if ! "$venv/bin/python" -c 'import pyspark' >/dev/null 2>&1; then
	say "creating $venv with $requirement (about 500 MB, once)"
	"$python" -m venv "$venv"
	"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$requirement"
fi

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
work=$(mktemp -d "${TMPDIR:-/tmp}/capsift-spark.XXXXXX")
trap 'rm -rf "$work"' EXIT
# a copy, as a cluster ships the binary: a rebuild during the run cannot change it
capsift="$work/capsift"
cp "$repo/target/release/capsift" "$capsift"
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1} # local[2] needs no other interface

say "java $java_major, $("$venv/bin/python" -c 'import pyspark; print("pyspark", pyspark.__version__)'), $("$capsift" --version)"
"$venv/bin/python" "$repo/scripts/spark_smoke.py" \
	--capsift "$capsift" --fixtures "$repo/fixtures" --work "$work" \
	--records "${CAPSIFT_SPARK_RECORDS:-3000}" "$@"
