/**
 * What is inside the images the simulation knows well enough to say what is NOT there: the
 * programs on their PATH and a few files. An image not listed here is the developer's own (or
 * one the simulation knows only as a server): any command may exist in it, and an unfamiliar
 * one is taken to run rather than to fail.
 *
 * The lists are of programs a learner may type; a real image has more (busybox lists every
 * applet it was built with). A program missing from a list fails as the real shell or runtime
 * fails for a misspelled one, so the lists err on the side of containing too much.
 */

/** The applets of the busybox image (busybox 1.36/1.37, `busybox --list`), as far as typed. */
const BUSYBOX_APPLETS = `[ [[ acpid addgroup adduser adjtimex ar arch arp arping ash awk base32 base64 basename bc
beep blkdiscard blkid blockdev bootchartd brctl bunzip2 bzcat bzip2 cal cat chat chattr chgrp
chmod chown chpasswd chpst chroot chrt chvt cksum clear cmp comm conspy cp cpio crc32 crond
crontab cryptpw cttyhack cut date dc dd deallocvt delgroup deluser depmod devmem df dhcprelay
diff dirname dmesg dnsd dnsdomainname dos2unix dpkg dpkg-deb du dumpkmap dumpleases echo ed
egrep eject env envdir envuidgid ether-wake expand expr factor fakeidentd fallocate false
fatattr fbset fbsplash fdflush fdformat fdisk fgconsole fgrep find findfs flock fold free
freeramdisk fsck fsck.minix fsfreeze fstrim fsync ftpd ftpget ftpput fuser getopt getty grep
groups gunzip gzip halt hd hdparm head hexdump hexedit hostid hostname httpd hush hwclock id
ifconfig ifdown ifenslave ifplugd ifup inetd init insmod install ionice iostat ip ipaddr
ipcalc ipcrm ipcs iplink ipneigh iproute iprule iptunnel kbd_mode kill killall killall5 klogd
last less link linux32 linux64 linuxrc ln loadfont loadkmap logger login logname logread
losetup lpd lpq lpr ls lsattr lsmod lsof lspci lsscsi lsusb lzcat lzma lzop makedevs
makemime man md5sum mdev mesg microcom mim mkdir mkdosfs mke2fs mkfifo mkfs.ext2 mkfs.minix
mkfs.vfat mknod mkpasswd mkswap mktemp modinfo modprobe more mount mountpoint mpstat mt mv
nameif nanddump nandwrite nbd-client nc netstat nice nl nmeter nohup nologin nproc nsenter
nslookup ntpd nuke od openvt partprobe passwd paste patch pgrep pidof ping ping6 pipe_progress
pivot_root pkill pmap popmaildir poweroff powertop printenv printf ps pscan pstree pwd pwdx
raidautorun rdate rdev readahead readlink readprofile realpath reboot reformime remove-shell
renice reset resize resume rev rm rmdir rmmod route rpm rpm2cpio rtcwake run-init run-parts
runlevel runsv runsvdir rx script scriptreplay sed sendmail seq setarch setconsole setfattr
setfont setkeycodes setlogcons setpriv setserial setsid setuidgid sh sha1sum sha256sum
sha3sum sha512sum showkey shred shuf slattach sleep smemcap softlimit sort split ssl_client
start-stop-daemon stat strings stty su sulogin sum sv svc svlogd svok swapoff swapon
switch_root sync sysctl syslogd tac tail tar taskset tc tcpsvd tee telnet telnetd test tftp
tftpd time timeout top touch tr traceroute traceroute6 tree true truncate ts tsort tty
ttysize tunctl tune2fs ubiattach ubidetach ubimkvol ubirename ubirmvol ubirsvol ubiupdatevol
udhcpc udhcpc6 udhcpd udpsvd uevent umount uname uncompress unexpand uniq unix2dos unlink
unlzma unshare unxz unzip uptime users usleep uudecode uuencode vconfig vi vlock volname w
wall watch watchdog wc wget which who whoami whois xargs xxd xz xzcat yes zcat zcip`;

/** Alpine: busybox's applets plus its own tools. */
const ALPINE_EXTRA = 'apk scanelf ssl_client getconf getent iconv ldd musl-ldd';

/**
 * A Debian or Ubuntu base: coreutils, the shells, util-linux, procps-less tools. No ps, ping,
 * curl, wget, nslookup, ip or vi: the slim images do not carry them.
 */
const DEBIAN_BASE = `[ arch b2sum base32 base64 basename basenc bash cat chcon chgrp chmod chown chroot cksum
comm cp csplit cut dash date dd df dir dircolors dirname du echo env expand expr factor false
fmt fold groups head hostid id install join link ln logname ls md5sum mkdir mkfifo mknod
mktemp mv nice nl nohup nproc numfmt od paste pathchk pinky pr printenv printf ptx pwd
readlink realpath rm rmdir runcon seq sh sha1sum sha224sum sha256sum sha384sum sha512sum shred
shuf sleep sort split stat stdbuf stty sum sync tac tail tee test timeout touch tr true
truncate tsort tty uname unexpand uniq unlink users vdir wc who whoami yes
apt apt-get apt-cache dpkg dpkg-query find xargs grep egrep fgrep sed gzip gunzip zcat tar
hostname domainname dnsdomainname mount umount su login kill more getent ldd ldconfig
mawk awk diff cmp which mountpoint findmnt lsblk nsenter setsid flock getopt rev script
logger ionice renice chrt taskset prlimit unshare mesg wall whereis look perl`;

/** What an image adds to its base (its server and helper scripts), by repository. */
const IMAGE_EXTRA: Readonly<Record<string, string>> = {
  nginx:
    'nginx nginx-debug docker-entrypoint.sh envsubst curl openssl gpg gpgv gpg-agent gpgconf gpgsm gpgtar dirmngr',
  httpd: 'httpd httpd-foreground apachectl apxs ab htpasswd htdigest htdbm logresolve rotatelogs',
  redis:
    'redis-server redis-cli redis-benchmark redis-check-aof redis-check-rdb redis-sentinel docker-entrypoint.sh gosu',
  postgres:
    'postgres psql pg_ctl initdb pg_dump pg_dumpall pg_restore pg_isready createdb dropdb createuser dropuser pg_basebackup docker-entrypoint.sh gosu locale localedef',
  ubuntu: '',
  debian: '',
};

/**
 * Distroless images: their one program and nothing else (no shell, no `tar`): the control
 * plane's and CoreDNS's images, and the pause image.
 */
const DISTROLESS: Readonly<Record<string, string>> = {
  'kube-apiserver': 'kube-apiserver',
  'kube-controller-manager': 'kube-controller-manager',
  'kube-scheduler': 'kube-scheduler',
  etcd: 'etcd etcdctl etcdutl',
  coredns: 'coredns',
  pause: 'pause',
};

/** The repositories based on busybox, alpine, or Debian/Ubuntu. */
const BUSYBOX_IMAGES = new Set(['busybox']);
const ALPINE_IMAGES = new Set(['alpine']);

const cache = new Map<string, ReadonlySet<string> | null>();

/** The binary names of `a b c` text. */
function names(text: string): string[] {
  return text.split(/\s+/).filter((n) => n !== '');
}

/**
 * The programs on an image's PATH, by its repository (`busybox`, `nginx`), or undefined for an
 * image whose contents the simulation does not know (any command may be in it). Alpine-tagged
 * variants of a known server (`nginx:alpine`, `redis:7-alpine`) are not known: undefined.
 */
export function imageBinaries(repo: string, tag = ''): ReadonlySet<string> | undefined {
  const key = `${repo}:${tag.includes('alpine') ? 'alpine' : ''}`;
  let set = cache.get(key);
  if (set === undefined) {
    set = null;
    if (BUSYBOX_IMAGES.has(repo)) set = new Set(names(BUSYBOX_APPLETS));
    else if (ALPINE_IMAGES.has(repo))
      set = new Set([...names(BUSYBOX_APPLETS), ...names(ALPINE_EXTRA)]);
    else if (repo in IMAGE_EXTRA && !tag.includes('alpine')) {
      set = new Set([...names(DEBIAN_BASE), ...names(IMAGE_EXTRA[repo] ?? '')]);
    } else if (repo in DISTROLESS) set = new Set(names(DISTROLESS[repo] ?? ''));
    cache.set(key, set);
  }
  return set ?? undefined;
}

/** The image's `/bin/sh`: busybox ash, or Debian's dash. */
export function shellFamily(repo: string): 'busybox' | 'dash' {
  // hello-app (the GKE samples') is a Go binary on Alpine: its shell and ps are busybox's.
  return BUSYBOX_IMAGES.has(repo) || ALPINE_IMAGES.has(repo) || repo === 'hello-app'
    ? 'busybox'
    : 'dash';
}

/** PATH as the image's ENV sets it. */
export const IMAGE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** `ls /` of the images whose root is known (one name a line: no terminal). */
export function rootListing(repo: string, tag = ''): readonly string[] | undefined {
  if (BUSYBOX_IMAGES.has(repo)) {
    return names('bin dev etc home lib lib64 proc root sys tmp usr var');
  }
  if (ALPINE_IMAGES.has(repo)) {
    return names('bin dev etc home lib media mnt opt proc root run sbin srv sys tmp usr var');
  }
  if (repo in IMAGE_EXTRA && !tag.includes('alpine')) {
    const extra =
      repo === 'nginx'
        ? ['docker-entrypoint.d', 'docker-entrypoint.sh']
        : repo === 'redis' || repo === 'postgres'
          ? ['data', 'docker-entrypoint-initdb.d']
          : [];
    return [
      ...names(
        'bin boot dev etc home lib lib64 media mnt opt proc root run sbin srv sys tmp usr var',
      ),
      ...extra,
    ].sort();
  }
  return undefined;
}

/** `/etc/os-release` of the known images; null for busybox, which has none. */
export function osRelease(repo: string, tag = ''): string | null | undefined {
  if (BUSYBOX_IMAGES.has(repo)) return null;
  if (ALPINE_IMAGES.has(repo)) {
    return `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.21.0
PRETTY_NAME="Alpine Linux v3.21"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`;
  }
  if (repo === 'ubuntu') {
    return `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`;
  }
  if (repo in IMAGE_EXTRA && !tag.includes('alpine')) {
    return `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;
  }
  return undefined;
}
