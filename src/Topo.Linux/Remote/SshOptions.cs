namespace Topo.Linux.Remote;

/// <summary>
/// How <see cref="SshRunner"/> uses OpenSSH. The control sockets live in a private directory under
/// /run/topo so one connection per host serves every command of a run and the runs after it
/// (ControlPersist), and no other user can ride on them.
/// </summary>
public sealed record SshOptions
{
    public const string DefaultControlDirectory = "/run/topo/ssh";

    public string ControlDirectory { get; init; } = DefaultControlDirectory;

    /// <summary>An ssh config file to use instead of the user's (<c>ssh -F</c>): tests name their simulated hosts in one.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>How long to wait for the TCP connection: an unreachable host fails after this, not after the kernel gives up.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an idle shared connection stays open after its last command.</summary>
    public TimeSpan ControlPersist { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>What runs on the far side, the arguments after it: <c>topo</c>, or in tests <c>dotnet /path/topo.dll</c> or <c>sh -c</c>.</summary>
    public IReadOnlyList<string> RemoteCommand { get; init; } = ["topo"];
}
