using Topo.Linux;
using Topo.Linux.Netlink;
using Topo.Linux.Rtnl;
using Xunit;

namespace Topo.Testing.Kernel;

/// <summary>
/// Whether this kernel has a qdisc kind: a bare RTM_NEWQDISC of that kind on the loopback of a throwaway namespace.
/// The kernel looks the kind up (loading its module if it can) before it reads the options, and answers ENOENT
/// "Specified qdisc kind is unknown." when it has none; any other answer, even a refusal of the bare request, means it has.
/// </summary>
public static class QdiscKindProbe
{
    private const int ENOENT = 2;

    private static readonly IReadOnlyDictionary<string, Lazy<string?>> Answers =
        new[] { "netem", "tbf" }.ToDictionary(k => k, k => new Lazy<string?>(() => Ask(k)));

    /// <summary>Null when the kernel has the qdisc; otherwise why its tests skip, in the kernel's own words.</summary>
    public static string? Missing(string kind) =>
        Answers.TryGetValue(kind, out var answer)
            ? answer.Value
            : throw new ArgumentException($"no probe for qdisc kind '{kind}' (probes: {string.Join(", ", Answers.Keys)})", nameof(kind));

    private static string? Ask(string kind)
    {
        using var sandbox = new KernelSandbox();
        using var client = RtnlClient.Open(sandbox.Host, "probe");
        var batch = client.Channel.Batch();
        batch.Begin(RtnlTypes.NewQdisc, NetlinkProtocol.Create | NetlinkProtocol.Exclusive, $"adding a {kind} qdisc to see whether this kernel has the kind");
        batch.Writer.Struct(new TcMsg { Index = 1, Parent = Tca.Root });
        batch.Writer.String(Tca.Kind, kind);
        batch.End();
        try
        {
            batch.Commit();
            return null;
        }
        catch (KernelException e) when (e.Errno == ENOENT)
        {
            return $"kernel test skipped: this kernel has no {kind} qdisc (asked for one in a throwaway namespace, it answered " +
                   $"\"{e.KernelMessage ?? Errors.Describe(e.Errno)}\", ENOENT)";
        }
        catch (KernelException)
        {
            return null;
        }
    }
}

/// <summary>A kernel test of a qdisc this kernel may lack (netem): skipped with the kernel's own answer where it has none, never passed.</summary>
public sealed class KernelQdiscFactAttribute : FactAttribute
{
    public KernelQdiscFactAttribute(string kind)
    {
        if ((SandboxCheck.Reason() ?? QdiscKindProbe.Missing(kind)) is { } reason) Skip = reason;
    }
}
