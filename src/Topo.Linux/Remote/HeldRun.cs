using System.Diagnostics;
using System.Text;

namespace Topo.Linux.Remote;

/// <summary>
/// A far side's <c>apply --hold</c> or <c>down --hold</c> over one ssh session: the framed file goes in,
/// <see cref="Held"/> says whether its plan succeeded (the marker line came before the end of its output),
/// and <see cref="Finish"/> sends <c>go</c> or calls the run off and collects what it said after.
/// </summary>
public sealed class HeldRun : IDisposable
{
    private const int SshFailed = 255;
    private readonly RemoteHost _host;
    private readonly Process _ssh;
    private readonly string _marker;
    private readonly StringBuilder _planned = new();
    private readonly StringBuilder _after = new();
    private readonly TaskCompletionSource<bool> _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _output;
    private readonly Task<string> _error;
    private readonly Task _input;

    internal HeldRun(RemoteHost host, Process ssh, string framedFile, string marker)
    {
        _host = host;
        _ssh = ssh;
        _marker = marker;
        _error = ssh.StandardError.ReadToEndAsync();
        _output = Task.Run(ReadOutput);
        _input = Send(framedFile);
    }

    /// <summary>True once the far side has planned and waits; false when it ended (or ssh failed) first.</summary>
    public Task<bool> Held => _held.Task;

    /// <summary>Sends <c>go</c> (when <paramref name="go"/> and the run is held) or ends its input; waits for it to end.</summary>
    /// <exception cref="RemoteHostException">ssh could not reach the host.</exception>
    public async Task<RemoteResult> Finish(bool go, string goLine)
    {
        await _input;
        var held = _held.Task.IsCompletedSuccessfully && _held.Task.Result;
        try
        {
            if (go && held) await _ssh.StandardInput.WriteLineAsync(goLine);
            _ssh.StandardInput.Close();
        }
        catch (IOException)
        {
            // The far side is gone already: its exit code and stderr say why.
        }

        await _ssh.WaitForExitAsync();
        await _output;
        var error = await _error;
        if (_ssh.ExitCode == SshFailed)
            throw new RemoteHostException(_host, $"host '{_host.Name}' (ssh {_host.SshTarget}) cannot be reached: {error.Trim()}");
        return new RemoteResult(_ssh.ExitCode, held ? _after.ToString() : _planned.ToString(), error);
    }

    private async Task Send(string framedFile)
    {
        try
        {
            await _ssh.StandardInput.WriteAsync(framedFile);
            await _ssh.StandardInput.FlushAsync();
        }
        catch (IOException)
        {
            // ssh gave up before it read the whole file.
        }
    }

    private async Task ReadOutput()
    {
        while (await _ssh.StandardOutput.ReadLineAsync() is { } line)
        {
            if (!_held.Task.IsCompleted && line == _marker)
            {
                _held.TrySetResult(true);
                continue;
            }

            (_held.Task.IsCompleted ? _after : _planned).Append(line).Append('\n');
        }

        _held.TrySetResult(false);
    }

    public void Dispose()
    {
        if (!_ssh.HasExited)
        {
            try
            {
                _ssh.Kill();
            }
            catch (InvalidOperationException)
            {
                // It ended meanwhile.
            }
        }

        _ssh.Dispose();
    }
}
