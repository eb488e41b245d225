namespace Topo.Linux.Remote;

/// <summary>What a command run on another host said and how it ended.</summary>
public sealed record RemoteResult(int ExitCode, string StandardOutput, string StandardError);
