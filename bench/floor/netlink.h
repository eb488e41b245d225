/* Netlink batches: many requests in one datagram, one sendmsg, one wait for the last ack. */
#ifndef FLOOR_NETLINK_H
#define FLOOR_NETLINK_H

#include <stddef.h>
#include <stdint.h>

struct batch {
	int fd;
	char *buf;
	size_t len, cap;
	size_t msg;     /* offset of the message being built */
	uint32_t seq;
	uint32_t awaited; /* seq of the message asked to ack; 0 when none */
};

_Noreturn void die(const char *fmt, ...);
int nl_socket(int protocol);

void batch_init(struct batch *b, int fd);
void batch_free(struct batch *b);
/* Starts a message and copies its fixed header (ifinfomsg, nfgenmsg, ...) after the nlmsghdr. */
void msg_begin(struct batch *b, uint16_t type, uint16_t flags, const void *header, size_t header_len);
void msg_end(struct batch *b);
/* Raw bytes inside an attribute, such as the ifinfomsg that opens a veth's peer. */
void put(struct batch *b, const void *data, size_t len);
void attr(struct batch *b, uint16_t type, const void *data, size_t len);
void attr_u8(struct batch *b, uint16_t type, uint8_t value);
void attr_u32(struct batch *b, uint16_t type, uint32_t value);
void attr_be32(struct batch *b, uint16_t type, uint32_t value);
void attr_str(struct batch *b, uint16_t type, const char *value);
size_t nest_begin(struct batch *b, uint16_t type);
void nest_end(struct batch *b, size_t nest);
/* Asks for an ack of the last finished message. The kernel reports every failed message anyway,
 * and handles the whole datagram before sendmsg returns, so one ack per batch says "all done". */
void batch_ack(struct batch *b);
/* Sends everything in one sendmsg, waits for the ack, fails on any error; the batch is then empty. */
void batch_send(struct batch *b, const char *what);

#endif
