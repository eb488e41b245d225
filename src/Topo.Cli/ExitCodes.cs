namespace Topo.Cli;

/// <summary>The exit codes of the spec's command table.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Error = 1;

    /// <summary><c>plan --detailed-exitcode</c> with changes; <c>status</c> with drift.</summary>
    public const int Changes = 2;
}
