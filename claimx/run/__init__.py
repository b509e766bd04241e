"""Running the pipeline: choosing and loading the model, the one analysis loop that turns input
items into Article records (long texts in pieces), and the engines that run it in worker
processes or on Dask."""
