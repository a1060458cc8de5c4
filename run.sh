#!/usr/bin/env bash
# The main job: builds the contracts, deploys them on drink's in-process chain, walks a project's life and prints
# a report (also written as JSON to target/scenario-report.json).
#
#   ./run.sh --url ws://host:port [--suri //Alice]   deploys the toll road on that node instead (deploy-scripts/
#                                                    deploy.py) and checks every contract answers. The life walk
#                                                    itself jumps 30- and 90-day windows, which only the
#                                                    in-process chain can do; it is not run against a node.
source "$(dirname "$0")/scripts/env.sh"
url=""
suri="//Alice"
while [ $# -gt 0 ]; do
    case "$1" in
        --url) url="$2"; shift 2 ;;
        --suri) suri="$2"; shift 2 ;;
        *) break ;;
    esac
done
if [ -n "$url" ]; then
    source deploy-scripts/local-chain/install.sh
    artifact_args
    exec python3 deploy-scripts/deploy.py --url "$url" --suri "$suri" "${ARTIFACT_ARGS[@]}" \
        --project deploy-scripts/projects/toll-road.toml
fi
mkdir -p "$REPO/target"
cargo run --quiet --manifest-path e2e-tests/Cargo.toml --target-dir "$E2E_TARGET" --bin scenario -- \
    --json "$REPO/target/scenario-report.json" "$@"
