/* The lab's nftables table, written as the kernel's expressions: what `nft -f` would send for the
 * rules of StarLab.NftCommands, so `nft list table ip topo-star` prints the same rules. */
#include "lab.h"
#include "netlink.h"

#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <string.h>

static void nft_msg(struct batch *b, uint16_t type, uint16_t flags, uint8_t family, uint16_t res_id)
{
	struct nfgenmsg g = { .nfgen_family = family, .version = NFNETLINK_V0, .res_id = htons(res_id) };
	msg_begin(b, type, flags, &g, sizeof g);
}

static void batch_begin(struct batch *b) { nft_msg(b, NFNL_MSG_BATCH_BEGIN, 0, AF_UNSPEC, NFNL_SUBSYS_NFTABLES); msg_end(b); }
static void batch_end(struct batch *b) { nft_msg(b, NFNL_MSG_BATCH_END, 0, AF_UNSPEC, NFNL_SUBSYS_NFTABLES); msg_end(b); }
static void request(struct batch *b, int msg, uint16_t flags) { nft_msg(b, (NFNL_SUBSYS_NFTABLES << 8) | msg, flags, NFPROTO_IPV4, 0); }

/* --- expressions; every value goes through register 1, the DNAT port through register 2 --- */

struct expr { size_t elem, data; };

static struct expr expr_begin(struct batch *b, const char *name)
{
	struct expr e;
	e.elem = nest_begin(b, NLA_F_NESTED | NFTA_LIST_ELEM);
	attr_str(b, NFTA_EXPR_NAME, name);
	e.data = nest_begin(b, NLA_F_NESTED | NFTA_EXPR_DATA);
	return e;
}

static void expr_end(struct batch *b, struct expr e)
{
	nest_end(b, e.data);
	nest_end(b, e.elem);
}

static void data(struct batch *b, uint16_t type, const void *value, size_t len)
{
	size_t nest = nest_begin(b, NLA_F_NESTED | type);
	attr(b, NFTA_DATA_VALUE, value, len);
	nest_end(b, nest);
}

static void payload(struct batch *b, uint32_t base, uint32_t offset, uint32_t len)
{
	struct expr e = expr_begin(b, "payload");
	attr_be32(b, NFTA_PAYLOAD_DREG, NFT_REG_1);
	attr_be32(b, NFTA_PAYLOAD_BASE, base);
	attr_be32(b, NFTA_PAYLOAD_OFFSET, offset);
	attr_be32(b, NFTA_PAYLOAD_LEN, len);
	expr_end(b, e);
}

static void cmp(struct batch *b, uint32_t op, const void *value, size_t len)
{
	struct expr e = expr_begin(b, "cmp");
	attr_be32(b, NFTA_CMP_SREG, NFT_REG_1);
	attr_be32(b, NFTA_CMP_OP, op);
	data(b, NFTA_CMP_DATA, value, len);
	expr_end(b, e);
}

static void bitwise(struct batch *b, const void *mask, const void *xor, size_t len)
{
	struct expr e = expr_begin(b, "bitwise");
	attr_be32(b, NFTA_BITWISE_SREG, NFT_REG_1);
	attr_be32(b, NFTA_BITWISE_DREG, NFT_REG_1);
	attr_be32(b, NFTA_BITWISE_LEN, (uint32_t)len);
	data(b, NFTA_BITWISE_MASK, mask, len);
	data(b, NFTA_BITWISE_XOR, xor, len);
	expr_end(b, e);
}

static void immediate(struct batch *b, uint32_t reg, const void *value, size_t len)
{
	struct expr e = expr_begin(b, "immediate");
	attr_be32(b, NFTA_IMMEDIATE_DREG, reg);
	data(b, NFTA_IMMEDIATE_DATA, value, len);
	expr_end(b, e);
}

/* ip saddr|daddr [!=] prefix/mask: the header word, masked, compared. */
static void ip_in(struct batch *b, uint32_t offset, uint32_t op, uint32_t prefix, uint32_t mask)
{
	uint32_t net = htonl(prefix), m = htonl(mask), zero = 0;
	payload(b, NFT_PAYLOAD_NETWORK_HEADER, offset, 4);
	bitwise(b, &m, &zero, 4);
	cmp(b, op, &net, 4);
}

#define SADDR 12 /* offsets in the IPv4 header */
#define DADDR 16

/* ct status dnat */
static void ct_status_dnat(struct batch *b)
{
	uint32_t mask = IPS_DST_NAT, zero = 0;
	struct expr e = expr_begin(b, "ct");
	attr_be32(b, NFTA_CT_DREG, NFT_REG_1);
	attr_be32(b, NFTA_CT_KEY, NFT_CT_STATUS);
	expr_end(b, e);
	bitwise(b, &mask, &zero, 4);
	cmp(b, NFT_CMP_NEQ, &zero, 4);
}

/* fib daddr type local */
static void fib_daddr_local(struct batch *b)
{
	uint32_t local = RTN_LOCAL;
	struct expr e = expr_begin(b, "fib");
	attr_be32(b, NFTA_FIB_DREG, NFT_REG_1);
	attr_be32(b, NFTA_FIB_RESULT, NFT_FIB_RESULT_ADDRTYPE);
	attr_be32(b, NFTA_FIB_FLAGS, NFTA_FIB_F_DADDR);
	expr_end(b, e);
	cmp(b, NFT_CMP_EQ, &local, 4);
}

/* tcp dport PORT, with the protocol test nft puts before it */
static void tcp_dport(struct batch *b, uint16_t port)
{
	uint8_t tcp = IPPROTO_TCP;
	uint16_t be = htons(port);
	struct expr e = expr_begin(b, "meta");
	attr_be32(b, NFTA_META_DREG, NFT_REG_1);
	attr_be32(b, NFTA_META_KEY, NFT_META_L4PROTO);
	expr_end(b, e);
	cmp(b, NFT_CMP_EQ, &tcp, 1);
	payload(b, NFT_PAYLOAD_TRANSPORT_HEADER, 2, 2);
	cmp(b, NFT_CMP_EQ, &be, 2);
}

/* dnat to ADDRESS:PORT */
static void dnat(struct batch *b, uint32_t address, uint16_t port)
{
	uint32_t a = htonl(address);
	uint16_t p = htons(port);
	immediate(b, NFT_REG_1, &a, 4);
	immediate(b, NFT_REG_2, &p, 2);
	struct expr e = expr_begin(b, "nat");
	attr_be32(b, NFTA_NAT_TYPE, NFT_NAT_DNAT);
	attr_be32(b, NFTA_NAT_FAMILY, NFPROTO_IPV4);
	attr_be32(b, NFTA_NAT_REG_ADDR_MIN, NFT_REG_1);
	attr_be32(b, NFTA_NAT_REG_PROTO_MIN, NFT_REG_2);
	expr_end(b, e);
}

static void masquerade(struct batch *b) { expr_end(b, expr_begin(b, "masq")); }

/* --- table, chains, rules --- */

static void chain(struct batch *b, const char *name, uint32_t hook, int32_t priority)
{
	request(b, NFT_MSG_NEWCHAIN, NLM_F_CREATE);
	attr_str(b, NFTA_CHAIN_TABLE, LAB_TABLE);
	attr_str(b, NFTA_CHAIN_NAME, name);
	size_t h = nest_begin(b, NLA_F_NESTED | NFTA_CHAIN_HOOK);
	attr_be32(b, NFTA_HOOK_HOOKNUM, hook);
	attr_be32(b, NFTA_HOOK_PRIORITY, (uint32_t)priority);
	nest_end(b, h);
	attr_be32(b, NFTA_CHAIN_POLICY, NF_ACCEPT);
	attr_str(b, NFTA_CHAIN_TYPE, "nat");
	msg_end(b);
}

static size_t rule_begin(struct batch *b, const char *chain)
{
	request(b, NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND);
	attr_str(b, NFTA_RULE_TABLE, LAB_TABLE);
	attr_str(b, NFTA_RULE_CHAIN, chain);
	return nest_begin(b, NLA_F_NESTED | NFTA_RULE_EXPRESSIONS);
}

static void rule_end(struct batch *b, size_t expressions)
{
	nest_end(b, expressions);
	msg_end(b);
}

void nft_up(struct batch *b, int nodes)
{
	batch_begin(b);
	request(b, NFT_MSG_NEWTABLE, NLM_F_CREATE);
	attr_str(b, NFTA_TABLE_NAME, LAB_TABLE);
	msg_end(b);
	chain(b, "prerouting", NF_INET_PRE_ROUTING, -100); /* dstnat */
	chain(b, "output", NF_INET_LOCAL_OUT, -100);
	chain(b, "postrouting", NF_INET_POST_ROUTING, 100); /* srcnat */

	/* ip saddr SUBNET ip daddr != SUBNET masquerade */
	size_t r = rule_begin(b, "postrouting");
	ip_in(b, SADDR, NFT_CMP_EQ, LAB_SUBNET, LAB_MASK);
	ip_in(b, DADDR, NFT_CMP_NEQ, LAB_SUBNET, LAB_MASK);
	masquerade(b);
	rule_end(b, r);

	/* ct status dnat ip saddr SUBNET ip daddr SUBNET masquerade */
	r = rule_begin(b, "postrouting");
	ct_status_dnat(b);
	ip_in(b, SADDR, NFT_CMP_EQ, LAB_SUBNET, LAB_MASK);
	ip_in(b, DADDR, NFT_CMP_EQ, LAB_SUBNET, LAB_MASK);
	masquerade(b);
	rule_end(b, r);

	for (int i = 1; i <= nodes; i++) {
		/* fib daddr type local tcp dport PORT dnat to ADDRESS:80 */
		r = rule_begin(b, "prerouting");
		fib_daddr_local(b);
		tcp_dport(b, lab_host_port(i));
		dnat(b, lab_address(i), 80);
		rule_end(b, r);

		/* ip daddr != 127.0.0.0/8 fib daddr type local tcp dport PORT dnat to ADDRESS:80 */
		r = rule_begin(b, "output");
		ip_in(b, DADDR, NFT_CMP_NEQ, 0x7f000000u, 0xff000000u);
		fib_daddr_local(b);
		tcp_dport(b, lab_host_port(i));
		dnat(b, lab_address(i), 80);
		rule_end(b, r);
	}
	batch_ack(b);
	batch_end(b);
	batch_send(b, "nftables table");
}

void nft_down(struct batch *b)
{
	batch_begin(b);
	request(b, NFT_MSG_DELTABLE, 0);
	attr_str(b, NFTA_TABLE_NAME, LAB_TABLE);
	msg_end(b);
	batch_ack(b);
	batch_end(b);
	batch_send(b, "deleting the nftables table");
}
