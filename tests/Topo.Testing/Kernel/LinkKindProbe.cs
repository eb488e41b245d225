using Topo.Linux;
using Topo.Linux.Netlink;
using Topo.Linux.Rtnl;

namespace Topo.Testing.Kernel;

/// <summary>
/// Whether this kernel makes links of a kind: a bare RTM_NEWLINK of that kind in a throwaway namespace. The kernel
/// looks the kind up (loading its module if it can) before it reads anything else of the request, and answers
/// EOPNOTSUPP "Unknown device type" when it has none; any other answer, even a refusal of the bare request, means it has.
/// </summary>
public static class LinkKindProbe
{
    private const int EOPNOTSUPP = 95;

    // Each kind is asked once a process: the kernel's kinds do not change while the tests run.
    private static readonly IReadOnlyDictionary<string, Lazy<string?>> Answers =
        new[] { "dummy", "vlan", "ipvlan", "macvlan", "vxlan", "bridge", "veth" }.ToDictionary(k => k, k => new Lazy<string?>(() => Ask(k)));

    /// <summary>Null when the kernel has the kind; otherwise why its tests skip, in the kernel's own words.</summary>
    public static string? Missing(string kind) =>
        Answers.TryGetValue(kind, out var answer)
            ? answer.Value
            : throw new ArgumentException($"no probe for link kind '{kind}' (probes: {string.Join(", ", Answers.Keys)})", nameof(kind));

    private static string? Ask(string kind)
    {
        using var sandbox = new KernelSandbox();
        using var client = RtnlClient.Open(sandbox.Host, "probe");
        var batch = client.Channel.Batch();
        batch.Begin(RtnlTypes.NewLink, NetlinkProtocol.Create | NetlinkProtocol.Exclusive, $"making a {kind} link to see whether this kernel has the kind");
        batch.Writer.Struct(new IfInfoMsg());
        batch.Writer.String(Ifla.IfName, "probe0");
        var info = batch.Writer.BeginNested(Ifla.LinkInfo);
        batch.Writer.String(Ifla.InfoKind, kind);
        batch.Writer.EndNested(info);
        batch.End();
        try
        {
            batch.Commit();
            return null;
        }
        catch (KernelException e) when (e.Errno == EOPNOTSUPP)
        {
            return $"kernel test skipped: this kernel has no {kind} links (asked for one in a throwaway namespace, it answered " +
                   $"\"{e.KernelMessage ?? Errors.Describe(e.Errno)}\", EOPNOTSUPP)";
        }
        catch (KernelException)
        {
            return null;
        }
    }
}
