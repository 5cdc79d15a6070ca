#!/usr/bin/env bash
# Builds a container base image without any registry, as a `docker save` tarball that Jib takes as its base with
# -Djib.from.image=tar://FILE: a Java runtime that jlink makes from this machine's JDK (the modules herd uses) under
# /opt/java/openjdk, as in the eclipse-temurin images; the shared libraries that runtime needs, copied from this
# machine (glibc, zlib, libstdc++); /tmp; and user 65532 (herd) in /etc/passwd. Used by herd-cli's offline image
# check (its profile image-tar, in every build that runs the tests); the image for a registry builds on
# eclipse-temurin:17-jre instead.
# Usage: offline-base.sh OUT.tar [JDK_HOME]      JDK_HOME: default JAVA_HOME, else the JDK of `java` on PATH
set -euo pipefail
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: offline-base.sh OUT.tar [JDK_HOME]" >&2; exit 2; }
out=$(realpath -m "$1")
jdk=${2:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
[ -x "$jdk/bin/jlink" ] || { echo "offline-base.sh: no jlink in $jdk (a JDK is needed, not a JRE)" >&2; exit 2; }
# jdeps --print-module-deps on herd's shaded jar, plus jdk.crypto.ec for TLS with the JDK's provider.
modules=java.base,java.desktop,java.naming,java.net.http,java.sql,jdk.httpserver,jdk.jfr,jdk.management,jdk.unsupported,jdk.crypto.ec

work=$(mktemp -d "${TMPDIR:-/tmp}/herd-base.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
java_home=/opt/java/openjdk
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$root$java_home"

# The libraries the runtime's launcher, VM and the native libraries herd loads link to (not AWT's: herd draws nothing),
# and glibc's compatibility stubs that Netty's native libraries may name.
libs=()
for f in bin/java lib/libjli.so lib/server/libjvm.so lib/libjava.so lib/libnet.so lib/libnio.so lib/libzip.so \
  lib/libjimage.so lib/libmanagement.so lib/libmanagement_ext.so lib/libextnet.so lib/libverify.so; do
  [ -e "$root$java_home/$f" ] || continue
  while read -r lib; do libs+=("$lib"); done < <(ldd "$root$java_home/$f" | awk '$3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}')
done
multiarch=$(dirname "$(ldd "$root$java_home/bin/java" | awk '/libc\.so/ {print $3}')")
for stub in libdl.so.2 libpthread.so.0 librt.so.1; do
  [ -e "$multiarch/$stub" ] && libs+=("$multiarch/$stub")
done
for lib in $(printf '%s\n' "${libs[@]}" | sort -u); do
  case $lib in "$root"*) continue ;; esac # the runtime's own
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

mkdir -p "$root/tmp" "$root/etc"
chmod 755 "$root" # mktemp made it 0700: the image's / must be searchable by every user
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nherd:x:65532:65532:herd:/tmp:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nherd:x:65532:\n' >"$root/etc/group"

# One layer, reproducible: sorted, owned by root, dated 1970.
tar --sort=name --numeric-owner --owner=0 --group=0 --mtime=@0 -C "$root" -cf "$work/layer.tar" .
diff_id=sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
cat >"$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=$java_home/bin:/usr/bin:/bin","JAVA_HOME=$java_home"],"WorkingDir":"/"},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/image/offline-base.sh: jlink $modules"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["herd-offline-base:latest"],"Layers":["layer.tar"]}]' >"$work/manifest.json"
mkdir -p "$(dirname "$out")"
tar --sort=name --numeric-owner --owner=0 --group=0 --mtime=@0 -C "$work" -cf "$out" manifest.json config.json layer.tar
echo "offline base image: $out ($(du -h "$out" | cut -f1), runtime from $jdk)"
