using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Topo.Cli;

/// <summary>
/// SIGINT and SIGTERM while an apply or down runs. The first asks the run to stop at the next step
/// boundary (an apply then undoes what it did, as after a refused step) and says so at once; the
/// second stops the process there and then, undone or not. The exit code is the shell's for the
/// signal (130, 143). The lab's lock is an flock, so it is free either way.
/// </summary>
public sealed class Interruption : IDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private readonly CancellationTokenSource _stop = new();
    private readonly TextWriter _error;
    private readonly string _then;
    private readonly PosixSignalRegistration[] _registrations;
    private int _signal;

    /// <param name="then">What the run does once stopped, told with the first signal ("undoing this run").</param>
    public Interruption(TextWriter error, string then)
    {
        _error = error;
        _then = then;
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The first signal's name ("SIGINT"), null while none came.</summary>
    public string? Signal => Name(Volatile.Read(ref _signal));

    /// <summary>128 plus the first signal's number, as a shell reports a process the signal ended.</summary>
    public int ExitCode => 128 + Volatile.Read(ref _signal);

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _stop.Dispose();
    }

    // Runs on a thread of its own while the run's thread may be blocked (writing to a full pipe):
    // a second signal cannot wait for it, so it ends the process without running anything else.
    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        var number = context.Signal == PosixSignal.SIGINT ? SigInt : SigTerm;
        if (Interlocked.CompareExchange(ref _signal, number, 0) != 0)
        {
            _error.WriteLine($"topo: {Name(number)} again: stopping now; run apply or down again to finish");
            _error.Flush();
            LibC._exit(128 + number);
        }

        _error.WriteLine($"topo: {Name(number)}: stopping after the step under way, then {_then} (a second signal stops at once)");
        _error.Flush();
        _stop.Cancel();
    }

    private static string? Name(int signal) => signal switch
    {
        0 => null,
        SigInt => "SIGINT",
        _ => "SIGTERM",
    };
}
