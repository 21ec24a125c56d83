"""The floor: what Streamlit itself costs. One widget and one line of text, nothing else."""

import streamlit as st

year = st.slider("Year", 2006, 2014, 2014)
st.write(f"Cases shown for {year}")
