namespace Topo.Linux;

/// <summary>
/// Where a <see cref="KernelSession"/> finds the kernel: the namespace that stands for the host (a
/// test's stand-in, or the caller's own), the named namespaces, and the few facts the kernel cannot
/// hold (a host sysctl's value before the lab changed it), and the libnftables file to load when a
/// table's rules are needed (a test names a missing one).
/// </summary>
public sealed record KernelOptions(
    string HostNamespacePath = "/proc/self/ns/net", string NetnsDirectory = Namespaces.NetnsDirectory.Default, string StateDirectory = "/run/topo", string NftLibrary = "libnftables.so.1")
{
    /// <summary>How the other machines of a lab of several are reached (a test points it at its simulated ones).</summary>
    public Remote.SshOptions Ssh { get; init; } = new();

    /// <summary>Where the nodes' hosts files go (<c>/etc/netns</c>, where <c>ip netns exec</c> looks; the test sandbox mounts a tmpfs there).</summary>
    public string HostsDirectory { get; init; } = Core.Kinds.HostsFileResource.Directory;
}
