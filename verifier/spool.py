"""The results of a run kept on disk instead of in memory, so that what a run holds does not
grow with its number of sources.

A `ResultSpool` is a sequence of SourceResults in the input's order, filled in any order as
the sources end (`put`), each pickled and compressed (~1 KB a source) into an unnamed
temporary file, and read back one at a time when it is asked for. In memory it keeps two
integers per source. The file is made in the folder given (the results folder of `verifier
verify`, so that a full disk is reported as the results folder's; else the temporary folder,
`TMPDIR`) and unlinked at once: nothing is left behind, whatever ends the process.
`ResultList` is the same in memory (for a process that sends its results on at once).
`MappedResults` is a sequence seen through a function, computed on each access (the results
of a run whose network was down, made inconclusive)."""

from __future__ import annotations

import os
import pickle
import tempfile
import weakref
import zlib
from array import array
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import overload

from verifier.records import SourceResult


class ResultSpool(Sequence[SourceResult]):
    """`size` places for results, each filled once by `put`; the sequence is the filled places
    in order (every place is filled by the end of a run)."""

    def __init__(self, size: int, folder: Path | None = None) -> None:
        fd, path = tempfile.mkstemp(prefix=".results-spool-", dir=folder)
        os.unlink(path)
        self._fd = fd
        self._close = weakref.finalize(self, os.close, fd)
        self._end = 0
        self._offsets = array("q", [-1]) * size
        self._lengths = array("q", [0]) * size
        self._count = 0

    def put(self, place: int, result: SourceResult) -> None:
        if self._offsets[place] != -1:
            raise ValueError(f"place {place} of the spool is filled already")
        data = zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1)
        written = 0
        while written < len(data):
            written += os.pwrite(self._fd, memoryview(data)[written:], self._end + written)
        self._offsets[place], self._lengths[place] = self._end, len(data)
        self._end += len(data)
        self._count += 1

    def _places(self) -> Sequence[int]:
        if self._count == len(self._offsets):
            return range(self._count)
        return [place for place, offset in enumerate(self._offsets) if offset != -1]

    def _read(self, place: int) -> SourceResult:
        length, offset = self._lengths[place], self._offsets[place]
        data = bytearray()
        while len(data) < length:
            chunk = os.pread(self._fd, length - len(data), offset + len(data))
            if not chunk:
                raise OSError(f"the results spool ends early (place {place})")
            data += chunk
        result = pickle.loads(zlib.decompress(data))
        assert isinstance(result, SourceResult)
        return result

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> SourceResult: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[SourceResult]: ...

    def __getitem__(self, index: int | slice) -> SourceResult | Sequence[SourceResult]:
        places = self._places()
        if isinstance(index, slice):
            return [self._read(place) for place in places[index]]
        return self._read(places[index])

    def __iter__(self) -> Iterator[SourceResult]:
        for place in self._places():
            yield self._read(place)

    def close(self) -> None:
        """Remove the file now (else when the spool is garbage)."""
        self._close()


class ResultList(Sequence[SourceResult]):
    """A ResultSpool kept in memory, for a caller that holds every result anyway: a shard of a
    run sharded by host (`cluster.check_shard`) sends its results back at once, and pickling,
    compressing, writing and reading each one back cost it ~0.09 ms a source."""

    def __init__(self, size: int) -> None:
        self._results: list[SourceResult | None] = [None] * size

    def put(self, place: int, result: SourceResult) -> None:
        if self._results[place] is not None:
            raise ValueError(f"place {place} of the results is filled already")
        self._results[place] = result

    def _filled(self) -> list[SourceResult]:
        return [result for result in self._results if result is not None]

    def __len__(self) -> int:
        return len(self._filled())

    @overload
    def __getitem__(self, index: int) -> SourceResult: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[SourceResult]: ...

    def __getitem__(self, index: int | slice) -> SourceResult | Sequence[SourceResult]:
        return self._filled()[index]

    def __iter__(self) -> Iterator[SourceResult]:
        return iter(self._filled())


class MappedResults(Sequence[SourceResult]):
    """`results` seen through `change`, applied on each access."""

    def __init__(self, results: Sequence[SourceResult], change: Callable[[SourceResult], SourceResult]) -> None:
        self._results = results
        self._change = change

    def __len__(self) -> int:
        return len(self._results)

    @overload
    def __getitem__(self, index: int) -> SourceResult: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[SourceResult]: ...

    def __getitem__(self, index: int | slice) -> SourceResult | Sequence[SourceResult]:
        if isinstance(index, slice):
            return [self._change(result) for result in self._results[index]]
        return self._change(self._results[index])

    def __iter__(self) -> Iterator[SourceResult]:
        return (self._change(result) for result in self._results)
