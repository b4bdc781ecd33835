/*
 * The counting sink of the benchmark scripts: joins an IPv4 multicast group on an interface and counts every
 * datagram with recvmmsg (256 a call), whatever its format, so that rxbreak and its peers are measured by the
 * same neutral receiver. Prints READY once joined; on SIGTERM or SIGINT it drains what is queued and prints
 *   RESULT received=N windowNs=W clusters=C clusterMean=M clusterMin=A clusterMax=B drops=D
 * where a cluster is a run of reads with gaps under GAP_US (bursts), and drops is the socket's own drop count
 * (SO_MEMINFO): a sink that could not keep up says so.
 *
 *   sink GROUP PORT [IFNAME [GAP_US]]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/sock_diag.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 256
#define SLOT 65536

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static char buffers[BATCH][SLOT];

int main(int argc, char **argv)
{
    if (argc < 3)
    {
        fprintf(stderr, "usage: sink GROUP PORT [IFNAME [GAP_US]]\n");
        return 2;
    }
    const char *ifname = argc > 3 ? argv[3] : "lo";
    const int64_t gap_ns = (argc > 4 ? atol(argv[4]) : 200) * 1000LL;
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    const int one = 1, zero = 0, rcvbuf = 64 << 20;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) != 0)
    {
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    }
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[2]))};
    if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1 || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0)
    {
        perror("sink: bind");
        return 1;
    }
    struct ip_mreqn mreq = {.imr_ifindex = (int)if_nametoindex(ifname)};
    mreq.imr_multiaddr = addr.sin_addr;
    setsockopt(fd, IPPROTO_IP, IP_MULTICAST_ALL, &zero, sizeof zero);
    if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof mreq) != 0)
    {
        perror("sink: join");
        return 1;
    }
    struct sigaction action = {.sa_handler = on_signal};
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    const struct timeval timeout = {0, 100000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);

    static struct mmsghdr msgs[BATCH];
    static struct iovec iov[BATCH];
    for (int i = 0; i < BATCH; i++)
    {
        iov[i].iov_base = buffers[i];
        iov[i].iov_len = SLOT;
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    printf("READY pid=%d\n", (int)getpid());
    fflush(stdout);

    uint64_t received = 0, clusters = 0, cluster = 0, cluster_min = 0, cluster_max = 0;
    int64_t first_ns = 0, last_ns = 0;
    int draining = 0;
    for (;;)
    {
        if (stop && !draining)
        {
            draining = 1;
        }
        const int n = recvmmsg(fd, msgs, BATCH, draining ? MSG_DONTWAIT : MSG_WAITFORONE, NULL);
        if (n < 0)
        {
            if (draining && (errno == EAGAIN || errno == EWOULDBLOCK))
            {
                break;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            {
                continue;
            }
            perror("sink: recvmmsg");
            return 1;
        }
        const int64_t t = now_ns();
        if (received == 0)
        {
            first_ns = t;
        }
        else if (t - last_ns > gap_ns)
        {
            clusters++;
            cluster_min = cluster_min == 0 || cluster < cluster_min ? cluster : cluster_min;
            cluster_max = cluster > cluster_max ? cluster : cluster_max;
            cluster = 0;
        }
        cluster += (uint64_t)n;
        received += (uint64_t)n;
        last_ns = t;
    }
    if (cluster > 0)
    {
        clusters++;
        cluster_min = cluster_min == 0 || cluster < cluster_min ? cluster : cluster_min;
        cluster_max = cluster > cluster_max ? cluster : cluster_max;
    }
    uint32_t meminfo[SK_MEMINFO_VARS] = {0};
    socklen_t len = sizeof meminfo;
    getsockopt(fd, SOL_SOCKET, SO_MEMINFO, meminfo, &len);
    printf("RESULT received=%llu windowNs=%lld clusters=%llu clusterMean=%.1f clusterMin=%llu clusterMax=%llu drops=%u\n",
        (unsigned long long)received, (long long)(last_ns - first_ns), (unsigned long long)clusters,
        clusters ? (double)received / (double)clusters : 0.0, (unsigned long long)cluster_min,
        (unsigned long long)cluster_max, meminfo[SK_MEMINFO_DROPS]);
    fflush(stdout);
    close(fd);
    return 0;
}
