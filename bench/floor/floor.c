/* The kernel's own cost of the benchmark's star lab: one process, raw netlink, the fewest requests
 * we know of. Usage: floor [-v] up|down N   (-v: each phase's time on stderr)
 *
 * up:   N named namespaces (made as `ip netns add` makes them, a socket opened in each while inside);
 *       one host datagram: the bridge (up) and its address, then per node one veth made with its peer
 *       already in the node's namespace, up and enslaved, plus one hairpin request; one datagram per
 *       node: lo and eth0 up, the address, the default route; one nfnetlink batch: the whole table.
 * down: the table (one batch, first: closing a socket right after a deletion waits for nf_tables'
 *       cleanup); every link of the lab in one request (they were made in one link group); then the
 *       namespaces' names, which leaves them holding only lo for the kernel to free. */
#define _GNU_SOURCE
#include "lab.h"
#include "netlink.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define NETNS_DIR "/run/netns"
/* Interface indices are chosen here, not by the kernel, so that the host datagram can enslave and
 * address what it has just made without asking for indices first. The benchmark's namespace holds
 * only lo when a method starts; every node namespace is new. */
#define BRIDGE_INDEX 0x10000
#define PEER_INDEX 2
#define LAB_GROUP 0x746f706f /* one link group for the whole lab: down deletes it in one request */

struct node { int ns, rtnl; };

static int verbose;
static struct timespec phase_start;

static void phase(const char *done)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (verbose && done)
		fprintf(stderr, "floor: %-28s %8.2f ms\n", done,
			(now.tv_sec - phase_start.tv_sec) * 1e3 + (now.tv_nsec - phase_start.tv_nsec) / 1e6);
	phase_start = now;
}

static void ns_path(char *path, size_t size, int i) { snprintf(path, size, NETNS_DIR "/n%d", i); }

/* /run/netns as a shared mount point, as iproute2 makes it, so names made here show in other mount namespaces. */
static void netns_dir(void)
{
	if (mkdir(NETNS_DIR, 0755) && errno != EEXIST) die("mkdir " NETNS_DIR ": %s", strerror(errno));
	if (mount("", NETNS_DIR, "none", MS_SHARED | MS_REC, NULL) == 0) return;
	if (errno != EINVAL) die("mount --make-rshared " NETNS_DIR ": %s", strerror(errno));
	if (mount(NETNS_DIR, NETNS_DIR, "none", MS_BIND | MS_REC, NULL) ||
	    mount("", NETNS_DIR, "none", MS_SHARED | MS_REC, NULL))
		die("mount --bind " NETNS_DIR ": %s", strerror(errno));
}

/* A new namespace, named by a bind mount of itself; its descriptor (for the veth peer) and a socket
 * made while inside (the socket's namespace is the one its requests change). */
static struct node netns_add(int i, int host)
{
	char path[64];
	ns_path(path, sizeof path, i);
	int f = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	if (f < 0) die("create %s: %s", path, strerror(errno));
	close(f);
	if (unshare(CLONE_NEWNET)) die("unshare(CLONE_NEWNET): %s", strerror(errno));
	if (mount("/proc/self/ns/net", path, "none", MS_BIND, NULL)) die("mount --bind %s: %s", path, strerror(errno));
	struct node n = { open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC), nl_socket(NETLINK_ROUTE) };
	if (n.ns < 0) die("open /proc/self/ns/net: %s", strerror(errno));
	if (setns(host, CLONE_NEWNET)) die("setns back to the host: %s", strerror(errno));
	return n;
}

static void link_msg(struct batch *b, uint16_t flags, int index, unsigned up)
{
	struct ifinfomsg m = { .ifi_family = AF_UNSPEC, .ifi_index = index, .ifi_flags = up, .ifi_change = up };
	msg_begin(b, RTM_NEWLINK, flags, &m, sizeof m);
}

static void addr_add(struct batch *b, int index, uint32_t address)
{
	struct ifaddrmsg m = { .ifa_family = AF_INET, .ifa_prefixlen = LAB_PREFIX, .ifa_index = index };
	uint32_t a = htonl(address);
	msg_begin(b, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &m, sizeof m);
	attr(b, IFA_LOCAL, &a, 4);
	attr(b, IFA_ADDRESS, &a, 4);
	msg_end(b);
}

static void bridge(struct batch *b)
{
	link_msg(b, NLM_F_CREATE | NLM_F_EXCL, BRIDGE_INDEX, IFF_UP);
	attr_str(b, IFLA_IFNAME, LAB_BRIDGE);
	attr_u32(b, IFLA_GROUP, LAB_GROUP);
	size_t info = nest_begin(b, IFLA_LINKINFO);
	attr_str(b, IFLA_INFO_KIND, "bridge");
	nest_end(b, info);
	msg_end(b);
	addr_add(b, BRIDGE_INDEX, LAB_GATEWAY);
}

/* hI in the host, up and enslaved; its peer eth0 made in the node's namespace (it cannot come up
 * before hI exists: the node's datagram does that). Then hairpin on the port: port attributes are
 * taken only once the device has its master, so a request of its own. */
static void veth(struct batch *b, int i, int ns)
{
	char name[IFNAMSIZ];
	snprintf(name, sizeof name, "h%d", i);
	link_msg(b, NLM_F_CREATE | NLM_F_EXCL, BRIDGE_INDEX + i, IFF_UP);
	attr_str(b, IFLA_IFNAME, name);
	attr_u32(b, IFLA_MASTER, BRIDGE_INDEX);
	attr_u32(b, IFLA_GROUP, LAB_GROUP);
	size_t info = nest_begin(b, IFLA_LINKINFO);
	attr_str(b, IFLA_INFO_KIND, "veth");
	size_t data = nest_begin(b, IFLA_INFO_DATA);
	size_t peer = nest_begin(b, VETH_INFO_PEER);
	struct ifinfomsg p = { .ifi_family = AF_UNSPEC, .ifi_index = PEER_INDEX };
	put(b, &p, sizeof p);
	attr_str(b, IFLA_IFNAME, "eth0");
	attr_u32(b, IFLA_NET_NS_FD, (uint32_t)ns);
	nest_end(b, peer);
	nest_end(b, data);
	nest_end(b, info);
	msg_end(b);

	link_msg(b, 0, BRIDGE_INDEX + i, 0);
	info = nest_begin(b, IFLA_LINKINFO);
	attr_str(b, IFLA_INFO_SLAVE_KIND, "bridge");
	data = nest_begin(b, IFLA_INFO_SLAVE_DATA);
	attr_u8(b, IFLA_BRPORT_MODE, 1);
	nest_end(b, data);
	nest_end(b, info);
	msg_end(b);
}

/* lo and eth0 up, the node's address on eth0, the default route via the bridge. */
static void node(struct batch *b, int i)
{
	link_msg(b, 0, 1, IFF_UP);
	msg_end(b);
	link_msg(b, 0, PEER_INDEX, IFF_UP);
	msg_end(b);
	addr_add(b, PEER_INDEX, lab_address(i));
	struct rtmsg r = { .rtm_family = AF_INET, .rtm_table = RT_TABLE_MAIN, .rtm_protocol = RTPROT_BOOT,
			   .rtm_scope = RT_SCOPE_UNIVERSE, .rtm_type = RTN_UNICAST };
	uint32_t gateway = htonl(LAB_GATEWAY), oif = PEER_INDEX;
	msg_begin(b, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, &r, sizeof r);
	attr(b, RTA_GATEWAY, &gateway, 4);
	attr(b, RTA_OIF, &oif, 4);
	msg_end(b);
}

static void up(int nodes)
{
	/* Two descriptors per node stay open until the end. */
	struct rlimit files;
	getrlimit(RLIMIT_NOFILE, &files);
	files.rlim_cur = files.rlim_max;
	setrlimit(RLIMIT_NOFILE, &files);
	if ((rlim_t)nodes * 2 + 16 > files.rlim_cur) die("%d nodes need %d descriptors; the limit is %lu", nodes, nodes * 2 + 16, (unsigned long)files.rlim_cur);

	int host = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (host < 0) die("open /proc/self/ns/net: %s", strerror(errno));
	struct batch b;
	batch_init(&b, nl_socket(NETLINK_ROUTE));
	struct node *ns = calloc((size_t)nodes + 1, sizeof *ns);
	if (!ns) die("out of memory");
	phase(NULL);

	netns_dir();
	for (int i = 1; i <= nodes; i++) ns[i] = netns_add(i, host);
	phase("namespaces");

	bridge(&b);
	for (int i = 1; i <= nodes; i++) veth(&b, i, ns[i].ns);
	batch_ack(&b);
	batch_send(&b, "host links");
	phase("host datagram");

	for (int i = 1; i <= nodes; i++) {
		b.fd = ns[i].rtnl;
		node(&b, i);
		batch_ack(&b);
		batch_send(&b, "node");
	}
	phase("node datagrams");

	b.fd = nl_socket(NETLINK_NETFILTER);
	nft_up(&b, nodes);
	phase("nftables batch");
}

static void down(int nodes)
{
	struct batch b;
	batch_init(&b, nl_socket(NETLINK_NETFILTER));
	phase(NULL);
	nft_down(&b);
	phase("nftables batch");

	b.fd = nl_socket(NETLINK_ROUTE);
	struct ifinfomsg m = { .ifi_family = AF_UNSPEC };
	msg_begin(&b, RTM_DELLINK, 0, &m, sizeof m);
	attr_u32(&b, IFLA_GROUP, LAB_GROUP);
	msg_end(&b);
	batch_ack(&b);
	batch_send(&b, "deleting the links");
	phase("link group");

	for (int i = 1; i <= nodes; i++) {
		char path[64];
		ns_path(path, sizeof path, i);
		if (umount2(path, MNT_DETACH)) die("umount %s: %s", path, strerror(errno));
		if (unlink(path)) die("unlink %s: %s", path, strerror(errno));
	}
	phase("namespace names");
}

int main(int argc, char **argv)
{
	int a = 1;
	if (a < argc && strcmp(argv[a], "-v") == 0) verbose = 1, a++;
	if (argc - a != 2) die("usage: floor [-v] up|down N");
	char *end;
	long nodes = strtol(argv[a + 1], &end, 10);
	if (*end || nodes < 1 || nodes > 1000) die("N must be a number from 1 to 1000 (one bridge takes at most 1023 ports)");
	if (strcmp(argv[a], "up") == 0) up((int)nodes);
	else if (strcmp(argv[a], "down") == 0) down((int)nodes);
	else die("usage: floor [-v] up|down N");
	return 0;
}
