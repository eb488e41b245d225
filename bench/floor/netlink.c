#define _GNU_SOURCE
#include "netlink.h"

#include <errno.h>
#include <linux/netlink.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

_Noreturn void die(const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	fputs("floor: ", stderr);
	vfprintf(stderr, fmt, args);
	fputc('\n', stderr);
	va_end(args);
	exit(1);
}

int nl_socket(int protocol)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
	if (fd < 0) die("socket(AF_NETLINK, %d): %s", protocol, strerror(errno));
	int on = 1;
	/* Short acks, and the kernel's own words when a request fails. */
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &on, sizeof on);
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &on, sizeof on);
	return fd;
}

void batch_init(struct batch *b, int fd)
{
	memset(b, 0, sizeof *b);
	b->fd = fd;
}

void batch_free(struct batch *b)
{
	free(b->buf);
	b->buf = NULL;
	b->len = b->cap = 0;
}

static void *grow(struct batch *b, size_t len)
{
	size_t aligned = NLMSG_ALIGN(len);
	if (b->len + aligned > b->cap) {
		size_t cap = b->cap ? b->cap : 65536;
		while (b->len + aligned > cap) cap *= 2;
		b->buf = realloc(b->buf, cap);
		if (!b->buf) die("out of memory");
		b->cap = cap;
	}
	void *at = b->buf + b->len;
	memset(at, 0, aligned);
	b->len += aligned;
	return at;
}

void msg_begin(struct batch *b, uint16_t type, uint16_t flags, const void *header, size_t header_len)
{
	b->msg = b->len;
	struct nlmsghdr *h = grow(b, NLMSG_HDRLEN);
	h->nlmsg_type = type;
	h->nlmsg_flags = NLM_F_REQUEST | flags;
	h->nlmsg_seq = ++b->seq;
	put(b, header, header_len);
}

void msg_end(struct batch *b)
{
	struct nlmsghdr *h = (struct nlmsghdr *)(b->buf + b->msg);
	h->nlmsg_len = b->len - b->msg;
}

void put(struct batch *b, const void *data, size_t len)
{
	memcpy(grow(b, len), data, len);
}

void attr(struct batch *b, uint16_t type, const void *data, size_t len)
{
	struct nlattr *a = grow(b, NLA_HDRLEN + len);
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy((char *)a + NLA_HDRLEN, data, len);
}

void attr_u8(struct batch *b, uint16_t type, uint8_t value) { attr(b, type, &value, 1); }
void attr_u32(struct batch *b, uint16_t type, uint32_t value) { attr(b, type, &value, 4); }
void attr_be32(struct batch *b, uint16_t type, uint32_t value) { attr_u32(b, type, __builtin_bswap32(value)); }
void attr_str(struct batch *b, uint16_t type, const char *value) { attr(b, type, value, strlen(value) + 1); }

size_t nest_begin(struct batch *b, uint16_t type)
{
	size_t nest = b->len;
	((struct nlattr *)grow(b, NLA_HDRLEN))->nla_type = type;
	return nest;
}

void nest_end(struct batch *b, size_t nest)
{
	((struct nlattr *)(b->buf + nest))->nla_len = b->len - nest;
}

void batch_ack(struct batch *b)
{
	struct nlmsghdr *h = (struct nlmsghdr *)(b->buf + b->msg);
	h->nlmsg_flags |= NLM_F_ACK;
	b->awaited = h->nlmsg_seq;
}

static _Noreturn void failed(const char *what, struct nlmsghdr *h)
{
	struct nlmsgerr *e = NLMSG_DATA(h);
	const char *text = "";
	/* With NETLINK_CAP_ACK the request is not echoed: extended-ack attributes follow the header. */
	if (h->nlmsg_flags & NLM_F_ACK_TLVS) {
		for (struct nlattr *a = (struct nlattr *)((char *)e + sizeof *e);
		     (char *)a + NLA_HDRLEN <= (char *)h + h->nlmsg_len && a->nla_len >= NLA_HDRLEN;
		     a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len)))
			if (a->nla_type == NLMSGERR_ATTR_MSG) text = (const char *)a + NLA_HDRLEN;
	}
	die("%s: request %u: %s%s%s", what, e->msg.nlmsg_seq, strerror(-e->error), *text ? ": " : "", text);
}

void batch_send(struct batch *b, const char *what)
{
	/* A datagram may not exceed the send buffer; as root, make room for the whole batch. */
	int room = (int)b->len + 4096;
	setsockopt(b->fd, SOL_SOCKET, SO_SNDBUFFORCE, &room, sizeof room);
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct iovec iov = { b->buf, b->len };
	struct msghdr m = { .msg_name = &kernel, .msg_namelen = sizeof kernel, .msg_iov = &iov, .msg_iovlen = 1 };
	if (sendmsg(b->fd, &m, 0) < 0) die("%s: sendmsg of %zu bytes: %s", what, b->len, strerror(errno));
	b->len = 0;

	static char reply[65536];
	while (b->awaited) {
		int n = (int)recv(b->fd, reply, sizeof reply, 0);
		if (n < 0) die("%s: recv: %s", what, strerror(errno));
		for (struct nlmsghdr *h = (struct nlmsghdr *)reply; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type != NLMSG_ERROR) continue;
			struct nlmsgerr *e = NLMSG_DATA(h);
			if (e->error) failed(what, h);
			if (h->nlmsg_seq == b->awaited) b->awaited = 0;
		}
	}
}
