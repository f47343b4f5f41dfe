#!/usr/bin/env bash
# Install the Debian packages mfkg needs, only those missing. Usage: system-deps.sh run|test|npm
# npm:  only Node.js and npm (the query workbench's JavaScript is installed from npm and bundled).
# run:  a Java runtime for the OWL reasoner (HermiT).
# test: also Chromium with a Korean font (browser tests of the bilingual pages), Apache Jena and Raptor (independent RDF validators),
#       and Virtuoso (a real SPARQL server for the remote-endpoint tests).
set -euo pipefail
want=()
command -v npm >/dev/null 2>&1 || want+=(nodejs npm)
if [ "${1:-run}" != "npm" ]; then
  command -v java >/dev/null 2>&1 || want+=(default-jre-headless)
fi
if [ "${1:-run}" = "test" ]; then
  command -v chromium >/dev/null 2>&1 || want+=(chromium)
  [ -d /usr/share/fonts/truetype/nanum ] || want+=(fonts-nanum)
  [ -e /usr/share/java/jena-core.jar ] || want+=(libapache-jena-java)
  command -v rapper >/dev/null 2>&1 || want+=(raptor2-utils)
  command -v virtuoso-t >/dev/null 2>&1 || want+=(virtuoso-opensource)
fi
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "mfkg needs these Debian packages: ${want[*]}; run 'sudo apt-get install ${want[*]}' (or run make as root)" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
