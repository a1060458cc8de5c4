#!/usr/bin/env bash
# The suite on a real chain on 127.0.0.1: the contracts runtime of substrate-contracts-node 0.42 under chopsticks.
#
#   ./chain.sh            install what is missing, start a fresh chain, deploy both example projects with
#                         deploy-scripts/deploy.py, check every manifest address answers (and a re-run deploys
#                         nothing), deploy the data centre once more killing it after every transaction and
#                         resuming it (it must end as the uninterrupted one), build the token again from two
#                         other checkout paths (same code hashes as deployed), drive the web app (app/) in headless Chromium through an investor's life on the
#                         toll road (screenshots into docs/screenshots/), walk the project's whole life on a
#                         fresh copy of it (./run.sh --url), run the ink_e2e tests on the node backend, stop
#                         the chain
#   ./chain.sh start      start a fresh chain and leave it running (ws://127.0.0.1:$CHAIN_PORT, default 9944)
#   ./chain.sh stop       stop it
#
# A substrate-contracts-node binary can stand in for chopsticks: CONTRACTS_NODE=/path/to/substrate-contracts-node
# (started with --dev on 127.0.0.1). First run: installs cargo-contract, builds the runtime Wasm and installs
# chopsticks into the cache (deploy-scripts/local-chain/install.sh); later runs take a few minutes.
set -euo pipefail
cd "$(dirname "$0")"
source deploy-scripts/local-chain/install.sh

PORT="${CHAIN_PORT:-9944}"
URL="ws://127.0.0.1:$PORT"
STATE="$CACHE/chain"
mkdir -p "$STATE"

stop_chain() {
    if [ -f "$STATE/pid" ]; then
        kill "$(cat "$STATE/pid")" 2>/dev/null || true
        rm -f "$STATE/pid"
    fi
}

start_chain() {
    stop_chain
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
        echo "error: port $PORT on 127.0.0.1 is taken by something else; set CHAIN_PORT" >&2
        exit 1
    fi
    # A fresh chain: manifests of an earlier local chain no longer describe anything.
    rm -rf deployments/local
    if [ -n "${CONTRACTS_NODE:-}" ]; then
        echo "== starting $CONTRACTS_NODE --dev on $URL"
        "$CONTRACTS_NODE" --dev --tmp --rpc-port "$PORT" --rpc-cors all --no-prometheus --no-telemetry \
            --listen-addr /ip4/127.0.0.1/tcp/0 >"$STATE/chain.log" 2>&1 &
    else
        echo "== starting contracts-parachain-runtime 0.42 under chopsticks on $URL"
        node deploy-scripts/local-chain/chain.cjs serve "$RUNTIME_DIR/genesis.json" "$PORT" >"$STATE/chain.log" 2>&1 &
    fi
    echo $! >"$STATE/pid"
    for _ in $(seq 1 120); do
        if curl -sf -H 'content-type: application/json' \
            -d '{"id":1,"jsonrpc":"2.0","method":"chain_getHeader","params":[]}' "http://127.0.0.1:$PORT" >/dev/null; then
            echo "chain up at $URL (log: $STATE/chain.log)"
            return 0
        fi
        if ! kill -0 "$(cat "$STATE/pid")" 2>/dev/null; then
            echo "error: the chain exited; its log:" >&2
            tail -20 "$STATE/chain.log" >&2
            exit 1
        fi
        sleep 1
    done
    echo "error: no answer from $URL after 120 s; log: $STATE/chain.log" >&2
    exit 1
}

check_chain() {
    echo "== what the chain offers contracts, and whether each contract fits (deploy.py --check)"
    artifact_args
    python3 deploy-scripts/deploy.py --check --url "$URL" "${ARTIFACT_ARGS[@]}"
}

# The free balance of an account on the chain, in base units (deploy-scripts/rehearse.py reads it).
free_balance() {
    (cd deploy-scripts && python3 -c "import sys, deploy, rehearse; print(rehearse.balance(deploy.Node(sys.argv[1]), sys.argv[2]).free)" "$URL" "$1")
}

deploy_and_check() {
    artifact_args
    # check_chain has built the contracts if they had to be: the deployments only read them.
    local artifacts=("${ARTIFACT_ARGS[@]}")
    [ "${artifacts[0]}" = "--build" ] && artifacts=("${artifacts[@]:1}")
    for project in toll-road solar-farm data-centre; do
        local rehearsed="" overrides=()
        # The toll road's proposals vote for 10 blocks here, not 7 200: chopsticks makes a block in about a second,
        # and the browser test takes a proposal through its vote, queue and execution (as the life walk's copy
        # does; a block-height jump is no way round: see the README).
        [ "$project" = toll-road ] && overrides=(--set governor.normal.voting_period=10)
        if [ "$project" = toll-road ]; then
            # Before the first real transaction: the whole deployment on a throw-away fork, its cost against the
            # deployer's balance (deploy.py --check with --project: every contract's fit, then the rehearsal). The
            # real deployment must then cost what the rehearsal said.
            echo "== checking the $project deployment: its contracts' fit, then a rehearsal on a fork of the chain"
            python3 deploy-scripts/deploy.py --check --url "$URL" --suri //Alice "${artifacts[@]}" \
                --project "deploy-scripts/projects/$project.toml" "${overrides[@]}" | tee "$STATE/rehearsal.log"
            rehearsed=$(sed -n 's/.*spent_base_units=\([0-9]*\).*/\1/p' "$STATE/rehearsal.log")
            [ -n "$rehearsed" ] || { echo "error: the rehearsal did not say what it spent" >&2; exit 1; }
            free_before=$(free_balance 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY)
        fi
        echo "== deploying $project"
        t0=$(date +%s)
        python3 deploy-scripts/deploy.py --url "$URL" --suri //Alice "${artifacts[@]}" \
            --project "deploy-scripts/projects/$project.toml" "${overrides[@]}" --manifest "deployments/local/$project.json"
        echo "$project: deployed and checked in $(( $(date +%s) - t0 )) s"
        if [ -n "$rehearsed" ]; then
            local spent=$(( free_before - $(free_balance 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY) ))
            # Fees move with the block's fullness and the transactions' length; storage deposits are exact.
            python3 -c "import sys; r, s = int(sys.argv[1]), int(sys.argv[2]); print(f'the real deployment spent {s}, the rehearsal said {r} ({(s - r) / max(r, 1):+.3%})'); sys.exit(0 if r > 0 and abs(s - r) <= r // 100 else 1)" \
                "$rehearsed" "$spent" || { echo "error: the rehearsal's cost is off by more than 1%" >&2; exit 1; }
        fi
        echo "== re-running the $project deployment: must deploy nothing"
        before=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['steps']))" "deployments/local/$project.json")
        python3 deploy-scripts/deploy.py --url "$URL" --suri //Alice "${artifacts[@]}" \
            --project "deploy-scripts/projects/$project.toml" "${overrides[@]}" --manifest "deployments/local/$project.json" >/dev/null
        after=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['steps']))" "deployments/local/$project.json")
        [ "$before" = "$after" ] || { echo "error: the re-run added steps ($before -> $after)" >&2; exit 1; }
        echo "$project: re-run deployed nothing ($after steps recorded)"
    done
}

secret_never_leaks() {
    echo "== a deployment signed with a real (unfunded) secret fails, and nothing it wrote or ran shows the secret"
    artifact_args
    local artifacts=("${ARTIFACT_ARGS[@]}")
    [ "${artifacts[0]}" = "--build" ] && artifacts=("${artifacts[@]:1}")
    local dir phrase pid leaked=0
    dir=$(mktemp -d)
    phrase=$(node -e "
        const load = require('node:module').createRequire(process.env.CHOPSTICKS_HOME + '/package.json');
        const { cryptoWaitReady, mnemonicGenerate } = load('@polkadot/util-crypto');
        cryptoWaitReady().then(() => console.log(mnemonicGenerate(12)));")
    printf '%s\n' "$phrase" > "$dir/secret"
    python3 deploy-scripts/deploy.py --url "$URL" --suri-file "$dir/secret" "${artifacts[@]}" \
        --project deploy-scripts/projects/toll-road.toml --id leak-test --manifest "$dir/leak-test.json" \
        > "$dir/stdout" 2> "$dir/stderr" &
    pid=$!
    # Every process's command line, while the deployment runs.
    while kill -0 "$pid" 2>/dev/null; do
        ps -eo args >> "$dir/process-list" 2>/dev/null || true
        sleep 0.2
    done
    if wait "$pid"; then
        echo "error: a deployment by an unfunded signer succeeded" >&2
        exit 1
    fi
    grep -q "cannot pay" "$dir/stderr" || { echo "error: the refusal does not say the signer cannot pay:" >&2; cat "$dir/stderr" >&2; exit 1; }
    # The phrase, or any two of its words in a row, anywhere: outputs, process list, manifest, kept metadata.
    local words=($phrase) i
    for ((i = 0; i + 1 < ${#words[@]}; i++)); do
        if grep -rqF -- "${words[$i]} ${words[$((i + 1))]}" "$dir/stdout" "$dir/stderr" "$dir/process-list" \
                $(ls "$dir"/leak-test.json 2>/dev/null) deployments/local 2>/dev/null; then
            leaked=1
        fi
    done
    rm -rf "$dir"
    [ "$leaked" = 0 ] || { echo "error: the secret appeared in an output of the deployment" >&2; exit 1; }
    echo "no output, log, manifest or command line showed the secret; the refusal named the signer's address"
}

kill_and_resume() {
    echo "== the data centre deployed again, killed after each of its transactions in turn and resumed every time"
    # DEPLOY_TEST_CRASH_AFTER_TRANSACTION: deploy.py dies right after its next transaction is in a block, before
    # its manifest records it (the worst moment). Each run therefore adds exactly one transaction; the resumed
    # runs must read back what the killed one sent and never send it again.
    artifact_args
    local artifacts=("${ARTIFACT_ARGS[@]}")
    [ "${artifacts[0]}" = "--build" ] && artifacts=("${artifacts[@]:1}")
    local manifest="deployments/local/data-centre-killed.json" runs=0 status
    rm -f "$manifest"
    while :; do
        runs=$((runs + 1))
        status=0
        DEPLOY_TEST_CRASH_AFTER_TRANSACTION=1 python3 deploy-scripts/deploy.py --url "$URL" --suri //Alice \
            "${artifacts[@]}" --project deploy-scripts/projects/data-centre.toml --id data-centre-killed \
            --manifest "$manifest" > "$STATE/killed-run.log" 2>&1 || status=$?
        [ "$status" = 0 ] && break
        if [ "$status" != 75 ]; then
            echo "error: resumed run $runs failed (exit $status):" >&2
            tail -20 "$STATE/killed-run.log" >&2
            exit 1
        fi
        [ "$runs" -lt 400 ] || { echo "error: still not deployed after $runs killed runs" >&2; exit 1; }
    done
    echo "killed $((runs - 1)) times, completed by run $runs; comparing with the uninterrupted deployment"
    python3 deploy-scripts/local-chain/same_deployment.py deployments/local/data-centre.json "$manifest" \
        --url "$URL" "${artifacts[@]}"
}

reproducible_build() {
    echo "== a verifiable build? the token's full code and shell built from two other checkout paths, as deployed"
    local full shell
    full=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['contracts']['token']['full_code_hash'])" deployments/local/toll-road.json)
    shell=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['contracts']['token']['code_hash'])" deployments/local/toll-road.json)
    # The same code hashes from both copies and as deployed (built in this checkout), or the run fails
    # (docs/audit.md, "Build verifiably").
    python3 deploy-scripts/local-chain/reproducible.py project_token --expect-full "$full" --expect-shell "$shell"
}

verify_deployments() {
    artifact_args
    local artifacts=("${ARTIFACT_ARGS[@]}")
    [ "${artifacts[0]}" = "--build" ] && artifacts=("${artifacts[@]:1}")
    for project in toll-road solar-farm data-centre; do
        echo "== an auditor verifies the $project deployment (deploy.py --verify): chain, manifest, this build"
        python3 deploy-scripts/deploy.py --verify --url "$URL" "${artifacts[@]}" \
            --manifest "deployments/local/$project.json"
    done
    echo "== ... and a doctored manifest (the token's code hash changed) must fail the verification"
    local doctored
    doctored=$(mktemp -d)
    cp -r deployments/local/metadata "$doctored/"
    python3 - "deployments/local/toll-road.json" "$doctored/toll-road.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m["contracts"]["token"]["code_hash"] = "0x" + "00" * 32
json.dump(m, open(sys.argv[2], "w"))
PY
    if python3 deploy-scripts/deploy.py --verify --url "$URL" "${artifacts[@]}" --manifest "$doctored/toll-road.json"; then
        echo "error: the doctored manifest passed the verification" >&2
        rm -rf "$doctored"
        exit 1
    fi
    rm -rf "$doctored"
    echo "the doctored manifest was refused"
}

browser_test() {
    echo "== the web app (app/) in headless Chromium against the toll road just deployed"
    # Debian's Chromium, never a browser of a test tool's own (playwright-core only drives it).
    if [ ! -x /usr/bin/chromium ]; then
        echo "installing Debian's chromium (apt-get)"
        local sudo=()
        [ "$(id -u)" = 0 ] || sudo=(sudo)
        "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq chromium >/dev/null
    fi
    app_npm_ci
    (cd app && CHAIN_URL="$URL" MANIFEST=../deployments/local/toll-road.json npm test)
}

life_walk() {
    echo "== the project's life on this chain (./run.sh --url: a fresh copy of the toll road, walked)"
    ./run.sh --url "$URL"
}

node_tests() {
    echo "== ink_e2e tests on the node backend ($URL)"
    # On the release Wasm of the drink build (tests/ink_e2e_backends.rs): no contract is built again for them.
    (cd e2e-tests && CONTRACTS_NODE_URL="$URL" cargo test --target-dir "$E2E_TARGET" --features node-tests \
        --test suite -- ink_e2e_backends::node_ --test-threads 1)
}

case "${1:-all}" in
    start) start_chain ;;
    stop) stop_chain ;;
    all)
        trap stop_chain EXIT
        start_chain
        check_chain
        deploy_and_check
        verify_deployments
        kill_and_resume
        reproducible_build
        secret_never_leaks
        browser_test
        life_walk
        node_tests
        echo "== real chain: deployment, manifest checks, the web app in a browser, the life walk and node-backed tests passed"
        ;;
    stages)
        # ./chain.sh stages NAME...: a fresh chain, the three projects deployed, then only the named stages (for
        # working on one of them: kill_and_resume, reproducible_build, secret_never_leaks, browser_test,
        # life_walk, node_tests, verify_deployments).
        shift
        trap stop_chain EXIT
        start_chain
        check_chain
        deploy_and_check
        for stage in "$@"; do "$stage"; done
        ;;
    *) echo "usage: $0 [all|start|stop|stages NAME...]" >&2; exit 2 ;;
esac
