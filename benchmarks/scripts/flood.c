/* Sends 64-byte UDP datagrams to a multicast group with sendmmsg, as fast as it can for a number of seconds,
 * out of loopback with TTL 0, then prints how many. Used by drop-reason-cost.sh: nobody joined the group, so the
 * kernel frees every one (NOT_SPECIFIED in ip_rcv_finish_core). Run it inside a private network namespace. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

int main(int argc, char **argv)
{
    if (argc != 4) { fprintf(stderr, "usage: flood GROUP PORT SECONDS\n"); return 2; }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct ip_mreqn mreq = { .imr_ifindex = (int)if_nametoindex("lo") };
    unsigned char ttl = 0;
    setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &mreq, sizeof mreq);
    setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl);
    struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[2])) };
    inet_pton(AF_INET, argv[1], &to.sin_addr);
    static char payload[64];
    struct iovec iov = { payload, sizeof payload };
    struct mmsghdr msgs[64];
    for (int i = 0; i < 64; i++)
    {
        memset(&msgs[i], 0, sizeof msgs[i]);
        msgs[i].msg_hdr.msg_name = &to;
        msgs[i].msg_hdr.msg_namelen = sizeof to;
        msgs[i].msg_hdr.msg_iov = &iov;
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long long sent = 0;
    double seconds = atof(argv[3]);
    do
    {
        int n = sendmmsg(fd, msgs, 64, 0);
        if (n > 0) sent += n;
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while ((now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9 < seconds);
    printf("%lld\n", sent);
    return 0;
}
