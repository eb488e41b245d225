namespace Topo.Linux.Rtnl;

/// <summary>A kind's modes: the kernel's numbers and the names <c>ip -d link</c> shows for them.</summary>
internal sealed class ModeNames<T>(string what, params (T Value, string Name)[] names) where T : struct, IEquatable<T>
{
    public string NameOf(T mode) => names.FirstOrDefault(n => n.Value.Equals(mode)).Name ?? $"mode {mode}";

    public T ValueOf(string name) =>
        names.FirstOrDefault(n => n.Name == name) is { Name: not null } found
            ? found.Value
            : throw new ArgumentException($"'{name}' is not {what} (modes: {string.Join(", ", names.Select(n => n.Name))})");
}
