/* routed-send: the C floor of a replay's send path, for benchmarks/scripts/replay-groups.sh. One unconnected UDP
 * socket sends flat out with sendmmsg(2), batch B, each datagram to its own group round robin over N groups
 * 239.255.(100+g/250).(g%250+1):PORT, as rxbreak's replay does (msg_name per message, so the kernel routes every
 * datagram); mcsend instead connects to its one group, and the kernel routes once.
 *
 *   routed-send -n GROUPS [-p 42000] [-s 64] [-t 2] [-b 1024] [-i 198.18.0.1] [-T 0]
 *
 * Prints one line: SEND sent=N secs=S rate=R err=E (E: calls that failed with EAGAIN, ENOBUFS or EINTR).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    const char *ifaddr = "198.18.0.1";
    int groups = 1, port = 42000, size = 64, batch = 1024, ttl = 0, opt;
    double secs = 2;
    while ((opt = getopt(argc, argv, "n:p:s:t:b:i:T:")) != -1) {
        switch (opt) {
        case 'n': groups = atoi(optarg); break;
        case 'p': port = atoi(optarg); break;
        case 's': size = atoi(optarg); break;
        case 't': secs = atof(optarg); break;
        case 'b': batch = atoi(optarg); break;
        case 'i': ifaddr = optarg; break;
        case 'T': ttl = atoi(optarg); break;
        default: fprintf(stderr, "usage: routed-send -n GROUPS [-p PORT] [-s SIZE] [-t SECS] [-b BATCH] [-i IFADDR] [-T TTL]\n"); return 2;
        }
    }
    if (groups < 1 || groups > 64000 || batch < 1 || batch > 1024 || size < 8) {
        fprintf(stderr, "routed-send: bad arguments\n");
        return 2;
    }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) { perror("socket"); return 1; }
    unsigned char t = (unsigned char)ttl;
    setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &t, sizeof t);
    struct in_addr ia;
    inet_pton(AF_INET, ifaddr, &ia);
    if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &ia, sizeof ia) < 0) { perror("IP_MULTICAST_IF"); return 1; }

    struct sockaddr_in *dst = calloc(groups, sizeof *dst);
    for (int g = 0; g < groups; g++) {
        char text[32];
        snprintf(text, sizeof text, "239.255.%d.%d", 100 + g / 250, g % 250 + 1);
        dst[g].sin_family = AF_INET;
        dst[g].sin_port = htons(port);
        inet_pton(AF_INET, text, &dst[g].sin_addr);
    }
    char *bufs = calloc(batch, size);
    struct mmsghdr *msgs = calloc(batch, sizeof *msgs);
    struct iovec *iov = calloc(batch, sizeof *iov);
    for (int i = 0; i < batch; i++) {
        iov[i].iov_base = bufs + (size_t)i * size;
        iov[i].iov_len = size;
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        msgs[i].msg_hdr.msg_namelen = sizeof *dst;
    }
    uint64_t seq = 0, errs = 0;
    double t0 = now(), tend = t0 + secs;
    while (now() < tend) {
        for (int i = 0; i < batch; i++) {
            uint64_t s = seq + i;
            memcpy(bufs + (size_t)i * size, &s, 8);
            msgs[i].msg_hdr.msg_name = &dst[s % groups];
        }
        int r = sendmmsg(fd, msgs, batch, 0);
        if (r < 0) {
            if (errno == ENOBUFS || errno == EAGAIN || errno == EINTR) { errs++; continue; }
            perror("sendmmsg");
            break;
        }
        seq += r;
    }
    double el = now() - t0;
    printf("SEND sent=%llu secs=%.3f rate=%.0f err=%llu\n", (unsigned long long)seq, el, seq / el,
           (unsigned long long)errs);
    return 0;
}
