#!/usr/bin/env bash
# The main job: builds the contracts, deploys them on drink's in-process chain, walks a project's life and prints
# a report (also written as JSON to target/scenario-report.json).
#
#   ./run.sh --url ws://host:port [--suri //Alice]   walks the same life on that chain: deploys a fresh copy of
#                                                    the toll road there (deploy-scripts/deploy.py, under a new id,
#                                                    manifest in target/walks/), then app/scripts/walk.mjs walks it
#                                                    with dev keys (//Bob, //Infra/N, ...) and chopsticks' dev RPCs
#                                                    that make blocks and move the clock across the 30- and 90-day
#                                                    windows (./chain.sh start runs such a chain). This copy votes
#                                                    for 10 blocks, not 7 200 (see the walk's header). Report also
#                                                    in target/chain-walk-report.json.
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
    if [ $# -gt 0 ]; then
        echo "error: ./run.sh --url takes only --suri besides; unknown: $*" >&2
        exit 2
    fi
    source deploy-scripts/local-chain/install.sh
    artifact_args
    # Before anything is deployed: the node is reachable, runs pallet-contracts, takes every contract's code and
    # offers the dev RPCs the walk needs (deploy.py --check --walk); otherwise nothing is spent.
    python3 deploy-scripts/deploy.py --check --walk --url "$url" "${ARTIFACT_ARGS[@]}"
    # The check built the contracts if they had to be: the deployment only reads them.
    [ "${ARTIFACT_ARGS[0]}" = "--build" ] && ARTIFACT_ARGS=("${ARTIFACT_ARGS[@]:1}")
    # A new id each run: a walk changes everything it touches (the offering succeeds, the clock moves), so it
    # never reuses an earlier copy.
    id="a12-walk-$(date +%s)"
    mkdir -p "$REPO/target/walks"
    python3 deploy-scripts/deploy.py --url "$url" --suri "$suri" "${ARTIFACT_ARGS[@]}" \
        --project deploy-scripts/projects/toll-road.toml --id "$id" --manifest "$REPO/target/walks/$id.json" \
        --set governor.normal.voting_period=10
    app_npm_ci
    exec node app/scripts/walk.mjs --url "$url" --manifest "$REPO/target/walks/$id.json" \
        --json "$REPO/target/chain-walk-report.json"
fi
mkdir -p "$REPO/target"
# scripts/progress.py: the first build takes many minutes, much of it inside one rustc (drink's macro building the
# contracts); a line says what is being built whenever nothing was printed for 25 s.
python3 scripts/progress.py -- cargo run --manifest-path e2e-tests/Cargo.toml --target-dir "$E2E_TARGET" --bin scenario -- \
    --json "$REPO/target/scenario-report.json" "$@"
