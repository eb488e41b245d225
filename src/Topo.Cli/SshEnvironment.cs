using Topo.Linux;
using Topo.Linux.Remote;

namespace Topo.Cli;

/// <summary>
/// For tests only: <c>TOPO_SSH_CONFIG=FILE</c> makes the real binary reach the other machines of a lab with that
/// ssh config (<c>ssh -F FILE</c>) and control sockets in <c>control/</c> beside it, and
/// <c>TOPO_SSH_REMOTE_COMMAND</c> (words split on spaces) is what runs on the far side instead of <c>topo</c>.
/// A test that kills the fan-out needs it as a process of its own, and its simulated machines are named in such a file.
/// </summary>
internal static class SshEnvironment
{
    public const string ConfigVariable = "TOPO_SSH_CONFIG";
    public const string RemoteCommandVariable = "TOPO_SSH_REMOTE_COMMAND";

    public static KernelOptions Apply(KernelOptions options)
    {
        if (Environment.GetEnvironmentVariable(ConfigVariable) is not { Length: > 0 } config) return options;
        var ssh = options.Ssh with { ConfigFile = config, ControlDirectory = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(config))!, "control") };
        if (Environment.GetEnvironmentVariable(RemoteCommandVariable) is { Length: > 0 } command)
            ssh = ssh with { RemoteCommand = command.Split(' ', StringSplitOptions.RemoveEmptyEntries) };
        return options with { Ssh = ssh };
    }
}
