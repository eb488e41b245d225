namespace Topo.Core.Export;

/// <summary>
/// One order that keeps each of several orders: the file's order of a node's ports, read back from the tables that
/// hold its rules, each of which keeps the file's order of the ports it holds (a port with no host IP has a rule in
/// each family, and an IPv4 and an IPv6 bridge may live in different namespaces). Orders that contradict each other
/// (rules topo did not write) give way to the first.
/// </summary>
internal static class OrderMerge
{
    public static List<T> Of<T>(IEnumerable<IEnumerable<T>> orders) where T : notnull
    {
        var left = orders.Select(o => new List<T>(o.Distinct())).Where(o => o.Count > 0).ToList();
        var merged = new List<T>();
        while (left.Count > 0)
        {
            // A head that no order holds behind something else is free to come next.
            var next = left.Select(o => o[0]).FirstOrDefault(h => left.All(o => o.IndexOf(h) <= 0), left[0][0]);
            merged.Add(next);
            foreach (var o in left) o.Remove(next);
            left.RemoveAll(o => o.Count == 0);
        }

        return merged;
    }
}
