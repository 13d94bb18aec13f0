async def fetch(session, urls):
    async with session.get(urls[0]) as response:
        data = await response.read()
    async for chunk in response:
        data += chunk
    return [await u async for u in urls]
