/* The benchmark's star lab (bench/Topo.Bench/StarLab.cs), spelled out again for the floor. */
#ifndef FLOOR_LAB_H
#define FLOOR_LAB_H

#include <stdint.h>

#define LAB_BRIDGE "star0"
#define LAB_TABLE "topo-star"
#define LAB_SUBNET 0x0a580000u  /* 10.88.0.0/16 */
#define LAB_MASK 0xffff0000u
#define LAB_PREFIX 16
#define LAB_GATEWAY 0x0a580001u /* 10.88.0.1 */

/* Node i gets the i-th address after the gateway, and publishes host port 20000+i on its port 80. */
static inline uint32_t lab_address(int i) { return LAB_GATEWAY + (uint32_t)i; }
static inline uint16_t lab_host_port(int i) { return (uint16_t)(20000 + i); }

struct batch;
/* The nftables table: prerouting, output and postrouting nat chains; two masquerade rules and two
 * DNAT rules per node, all in one nfnetlink batch. */
void nft_up(struct batch *b, int nodes);
void nft_down(struct batch *b);

#endif
