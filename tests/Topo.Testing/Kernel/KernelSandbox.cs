using System.Diagnostics;
using Topo.Linux.Namespaces;

namespace Topo.Testing.Kernel;

/// <summary>
/// One test's private piece of kernel: a fresh network namespace that stands in for the host
/// (held at /run/topo-sandbox/ROOT, outside /run/netns), and a unique prefix for the named
/// namespaces the test makes. Dispose deletes everything the test made.
/// </summary>
public sealed class KernelSandbox : IDisposable
{
    private static readonly NetnsDirectory Roots = new("/run/topo-sandbox");
    private readonly List<string> _made = [];

    public KernelSandbox()
    {
        Id = "t" + Guid.NewGuid().ToString("n")[..8];
        Host = Roots.Create(Id);
        Host.Invoke(() => Run("ip", "link", "set", "lo", "up"));
    }

    /// <summary>A short unique tag for names (namespaces, interfaces) so tests run in parallel.</summary>
    public string Id { get; }

    /// <summary>A thread in this test's stand-in for the root namespace.</summary>
    public NamespaceThread Host { get; }

    public string HostPath => Roots.PathOf(Id);

    public NetnsDirectory Namespaces { get; } = new(NetnsDirectory.Default);

    /// <summary>A namespace name unique to this test: <c>{Id}-{suffix}</c>; deleted on dispose.</summary>
    public string Name(string suffix)
    {
        var name = $"{Id}-{suffix}";
        _made.Add(name);
        return name;
    }

    /// <summary>Runs a witness command (ip, nft) in the sandbox's host namespace and returns its standard output.</summary>
    public string Witness(params string[] args) => Run(["nsenter", $"--net={HostPath}", "--", .. args]);

    public static string Run(params string[] args)
    {
        var start = new ProcessStartInfo(args[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args.Skip(1)) start.ArgumentList.Add(a);
        var done = FinishedProcess.Run(start);
        if (done.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args)} exited {done.ExitCode}: {done.Error}");
        return done.Out;
    }

    public void Dispose()
    {
        foreach (var name in _made.Where(n => Namespaces.Exists(n))) Namespaces.Delete(name);
        Host.Dispose();
        Roots.Delete(Id);
    }
}
